package io.athena.spi.telemetry;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded gateway request, as the statistics drilldown shows it.
 *
 * @param createdAt when the request arrived
 * @param errorCode the error envelope's code, on failure
 * @param message the error envelope's message, on failure
 */
public record RequestLogEntry(
    Instant createdAt,
    String requestId,
    String operation,
    String tableName,
    String method,
    String path,
    int statusCode,
    double durationMs,
    String errorCode,
    String message,
    String cacheKey) {
  public RequestLogEntry {
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether the request failed: it answered a status of 400 or more. */
  public boolean error() {
    return statusCode >= 400;
  }
}
