package io.athena.core.telemetry;

import io.athena.spi.DeleteRequest;
import io.athena.spi.GatewayOperation;
import io.athena.spi.TableRef;
import io.athena.spi.telemetry.GatewayEvent;
import io.athena.spi.telemetry.GatewayOutcome;
import java.time.Instant;

/**
 * What one request taught us while it ran, filled in by the router and the gateway as they learn
 * it, and read once when the response is written. One thread works on a request at a time (the
 * request thread, then the thread that writes the body), so no locking.
 */
public final class RequestTrace {
  private final Instant ts;
  private final long startNanos;
  private final String requestId;
  private final TraceContext context;
  private final String method;
  private final String path;
  private String client;
  private boolean clientKnown;
  private String operation;
  private String schemaName;
  private String tableName;
  private String resourceId;
  private String backend;
  private String cache = "none";
  private String cacheKey;
  private Long rowsReturned;
  private Long rowsAffected;
  private String apiKeyId;
  private String errorCode;
  private String errorMessage;
  private boolean deferred;
  private boolean streamFailed;
  private String userId;
  private String orgId;
  private String companyId;

  public RequestTrace(
      Instant ts,
      long startNanos,
      String requestId,
      TraceContext context,
      String method,
      String path) {
    this.ts = ts;
    this.startNanos = startNanos;
    this.requestId = requestId;
    this.context = context;
    this.method = method;
    this.path = path;
  }

  public TraceContext context() {
    return context;
  }

  public long startNanos() {
    return startNanos;
  }

  /** The client the caller named (possibly unknown: {@link #clientKnown} tells). */
  public void client(String name) {
    this.client = name;
  }

  /** The named client resolved to a backend: its name is safe as a metric label. */
  public void resolved(String backendKind) {
    this.clientKnown = true;
    this.backend = backendKind;
  }

  public boolean clientKnown() {
    return clientKnown;
  }

  public String client() {
    return client;
  }

  public void operation(String name) {
    this.operation = name;
  }

  public String operation() {
    return operation;
  }

  /** The table (and the id, for a delete by id) an operation names. */
  public void target(GatewayOperation op) {
    TableRef table = op.table();
    if (table != null) {
      schemaName = table.schema();
      tableName = table.name();
    }
    if (op instanceof DeleteRequest delete && delete.resourceId() != null) {
      resourceId = String.valueOf(delete.resourceId());
    }
  }

  public void cache(String outcome, String key) {
    this.cache = outcome;
    this.cacheKey = key;
  }

  public void rowsReturned(long rows) {
    this.rowsReturned = rows;
  }

  public void rowsAffected(long rows) {
    this.rowsAffected = rows;
  }

  public void apiKeyId(String id) {
    this.apiKeyId = id;
  }

  public void error(String code, String message) {
    this.errorCode = code;
    this.errorMessage = message;
  }

  public void deferred() {
    this.deferred = true;
  }

  /** The response failed after its status was sent: it counts as a server error. */
  public void streamFailed() {
    this.streamFailed = true;
    if (errorCode == null) {
      error("stream_failed", "The response failed while it streamed and was cut short");
    }
  }

  /** The caller's own identity headers, kept in the audit log only. */
  public void caller(String user, String org, String company) {
    this.userId = user;
    this.orgId = org;
    this.companyId = company;
  }

  public GatewayOutcome outcome(int status) {
    if (streamFailed || status >= 500) {
      return GatewayOutcome.SERVER_ERROR;
    }
    if (status == 429) {
      return GatewayOutcome.REJECTED;
    }
    if (status >= 400) {
      return GatewayOutcome.CLIENT_ERROR;
    }
    return deferred ? GatewayOutcome.DEFERRED : GatewayOutcome.SUCCESS;
  }

  /**
   * {@code event} as the audit log keeps it: a client or table name the caller made up (an unknown
   * client, a table that does not exist, an invalid identifier) is left out, because the statistics
   * add up per name and must not grow a row for every name a caller can invent.
   */
  public GatewayEvent forAudit(GatewayEvent event) {
    boolean inventedTable =
        "unknown_table".equals(errorCode) || "invalid_identifier".equals(errorCode);
    if (clientKnown && !inventedTable) {
      return event;
    }
    return event.toBuilder()
        .client(clientKnown ? event.client() : null)
        .schemaName(inventedTable ? null : event.schemaName())
        .tableName(inventedTable ? null : event.tableName())
        .build();
  }

  /** The event, as the request ended with {@code status} after {@code durationNanos}. */
  public GatewayEvent toEvent(int status, long durationNanos) {
    return GatewayEvent.builder(ts, outcome(status))
        .requestId(requestId)
        .traceId(context.traceId())
        .spanId(context.spanId())
        .client(client)
        .method(method)
        .path(path)
        .operation(operation)
        .schemaName(schemaName)
        .tableName(tableName)
        .resourceId(resourceId)
        .statusCode(status)
        .durationMs(durationNanos / 1_000_000.0)
        .backend(backend)
        .cache(cache)
        .rowsReturned(rowsReturned)
        .rowsAffected(rowsAffected)
        .apiKeyId(apiKeyId)
        .errorCode(errorCode)
        .errorMessage(errorMessage)
        .cacheKey(cacheKey)
        .userId(userId)
        .orgId(orgId)
        .companyId(companyId)
        .build();
  }
}
