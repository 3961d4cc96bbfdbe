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
}
