package io.athena.spi.telemetry;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One gateway request, as it ended: the {@code gateway_trace} event of the contract (§6), and the
 * row the audit log keeps. Fields that do not apply (no table for a raw query, no rows for an
 * error) are null.
 *
 * @param ts when the request arrived
 * @param requestId the {@code X-Request-Id} answered
 * @param traceId W3C trace id (32 hex digits): the caller's when it sent {@code traceparent}
 * @param spanId this request's span id (16 hex digits)
 * @param client the {@code X-Athena-Client} named, when any
 * @param method HTTP method
 * @param path request path (no query string)
 * @param operation {@code fetch}, {@code insert}, {@code update}, {@code delete} or {@code query}
 * @param statusCode the HTTP status answered
 * @param durationMs from arrival until the response body was written (or failed)
 * @param backend the kind of backend that served it ({@code postgres}), when one was resolved
 * @param cache {@code hit_local}, {@code hit_shared}, {@code miss}, {@code bypass}, or {@code none}
 *     when the request is not cacheable
 * @param cacheKey the fetch's cache key, when it has one
 * @param errorCode the error envelope's {@code code}, on failure
 * @param errorMessage the error envelope's {@code message}, on failure (our own words: never SQL or
 *     a stack trace)
 * @param userId the caller's {@code X-User-Id} header (audit only, never traced)
 * @param orgId the caller's {@code X-Organization-Id} header (audit only)
 * @param companyId the caller's {@code X-Company-Id} header (audit only)
 */
public record GatewayEvent(
    Instant ts,
    String requestId,
    String traceId,
    String spanId,
    String client,
    String method,
    String path,
    String operation,
    String schemaName,
    String tableName,
    String resourceId,
    int statusCode,
    GatewayOutcome outcome,
    double durationMs,
    String backend,
    String cache,
    Long rowsReturned,
    Long rowsAffected,
    String apiKeyId,
    String errorCode,
    String errorMessage,
    String cacheKey,
    String userId,
    String orgId,
    String companyId)
    implements TraceEvent {

  public static final String EVENT = "gateway_trace";

  public GatewayEvent {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(outcome, "outcome");
  }

  @Override
  public TraceLevel level() {
    return outcome.level();
  }

  @Override
  public String event() {
    return EVENT;
  }

  /** The traced fields, in the contract's order; the audit-only header fields are left out. */
  @Override
  public Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>(32);
    f.put("request_id", requestId);
    f.put("trace_id", traceId);
    f.put("span_id", spanId);
    f.put("client", client);
    f.put("method", method);
    f.put("path", path);
    f.put("operation", operation);
    f.put("schema_name", schemaName);
    f.put("table_name", tableName);
    f.put("resource_id", resourceId);
    f.put("status_code", statusCode);
    f.put("outcome", outcome.wireName());
    f.put("duration_ms", durationMs);
    f.put("backend", backend);
    f.put("cache", cache);
    f.put("rows_returned", rowsReturned);
    f.put("rows_affected", rowsAffected);
    f.put("api_key_id", apiKeyId);
    f.put("error_code", errorCode);
    f.put("message", errorMessage);
    return Collections.unmodifiableMap(f);
  }

  /**
   * A builder for an event that arrived at {@code ts} and ended with {@code outcome}; every other
   * field starts null (or 0).
   */
  public static Builder builder(Instant ts, GatewayOutcome outcome) {
    return new Builder().ts(ts).outcome(outcome);
  }

  /** A builder holding this event's fields, to make a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.ts = ts;
    b.requestId = requestId;
    b.traceId = traceId;
    b.spanId = spanId;
    b.client = client;
    b.method = method;
    b.path = path;
    b.operation = operation;
    b.schemaName = schemaName;
    b.tableName = tableName;
    b.resourceId = resourceId;
    b.statusCode = statusCode;
    b.outcome = outcome;
    b.durationMs = durationMs;
    b.backend = backend;
    b.cache = cache;
    b.rowsReturned = rowsReturned;
    b.rowsAffected = rowsAffected;
    b.apiKeyId = apiKeyId;
    b.errorCode = errorCode;
    b.errorMessage = errorMessage;
    b.cacheKey = cacheKey;
    b.userId = userId;
    b.orgId = orgId;
    b.companyId = companyId;
    return b;
  }

  /** Makes events field by field: the record has too many components to spell in order. */
  public static final class Builder {
    private Instant ts;
    private String requestId;
    private String traceId;
    private String spanId;
    private String client;
    private String method;
    private String path;
    private String operation;
    private String schemaName;
    private String tableName;
    private String resourceId;
    private int statusCode;
    private GatewayOutcome outcome;
    private double durationMs;
    private String backend;
    private String cache;
    private Long rowsReturned;
    private Long rowsAffected;
    private String apiKeyId;
    private String errorCode;
    private String errorMessage;
    private String cacheKey;
    private String userId;
    private String orgId;
    private String companyId;

    private Builder() {}

    public Builder ts(Instant ts) {
      this.ts = ts;
      return this;
    }

    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    public Builder traceId(String traceId) {
      this.traceId = traceId;
      return this;
    }

    public Builder spanId(String spanId) {
      this.spanId = spanId;
      return this;
    }

    public Builder client(String client) {
      this.client = client;
      return this;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    public Builder schemaName(String schemaName) {
      this.schemaName = schemaName;
      return this;
    }

    public Builder tableName(String tableName) {
      this.tableName = tableName;
      return this;
    }

    public Builder resourceId(String resourceId) {
      this.resourceId = resourceId;
      return this;
    }

    public Builder statusCode(int statusCode) {
      this.statusCode = statusCode;
      return this;
    }

    public Builder outcome(GatewayOutcome outcome) {
      this.outcome = outcome;
      return this;
    }

    public Builder durationMs(double durationMs) {
      this.durationMs = durationMs;
      return this;
    }

    public Builder backend(String backend) {
      this.backend = backend;
      return this;
    }

    public Builder cache(String cache) {
      this.cache = cache;
      return this;
    }

    public Builder rowsReturned(Long rowsReturned) {
      this.rowsReturned = rowsReturned;
      return this;
    }

    public Builder rowsAffected(Long rowsAffected) {
      this.rowsAffected = rowsAffected;
      return this;
    }

    public Builder apiKeyId(String apiKeyId) {
      this.apiKeyId = apiKeyId;
      return this;
    }

    public Builder errorCode(String errorCode) {
      this.errorCode = errorCode;
      return this;
    }

    public Builder errorMessage(String errorMessage) {
      this.errorMessage = errorMessage;
      return this;
    }

    public Builder cacheKey(String cacheKey) {
      this.cacheKey = cacheKey;
      return this;
    }

    public Builder userId(String userId) {
      this.userId = userId;
      return this;
    }

    public Builder orgId(String orgId) {
      this.orgId = orgId;
      return this;
    }

    public Builder companyId(String companyId) {
      this.companyId = companyId;
      return this;
    }

    public GatewayEvent build() {
      return new GatewayEvent(
          ts,
          requestId,
          traceId,
          spanId,
          client,
          method,
          path,
          operation,
          schemaName,
          tableName,
          resourceId,
          statusCode,
          outcome,
          durationMs,
          backend,
          cache,
          rowsReturned,
          rowsAffected,
          apiKeyId,
          errorCode,
          errorMessage,
          cacheKey,
          userId,
          orgId,
          companyId);
    }
  }
}
