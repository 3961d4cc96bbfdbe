package io.athena.spi.telemetry;

import java.time.Instant;
import java.util.Objects;

/**
 * What the audit log counted for one client since its first recorded request. A request failed when
 * it answered a status of 400 or more; it was cached when the read cache answered it ({@code
 * hit_local} or {@code hit_shared}).
 *
 * @param lastRequestAt arrival of the newest request counted; null when none was
 */
public record ClientStatistics(
    String clientName,
    long totalRequests,
    long successfulRequests,
    long failedRequests,
    long totalCachedRequests,
    Instant lastRequestAt) {
  public ClientStatistics {
    Objects.requireNonNull(clientName, "clientName");
  }

  /** A client nothing was recorded for yet. */
  public static ClientStatistics none(String clientName) {
    return new ClientStatistics(clientName, 0, 0, 0, 0, null);
  }
}
