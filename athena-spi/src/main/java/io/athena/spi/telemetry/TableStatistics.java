package io.athena.spi.telemetry;

import java.time.Instant;
import java.util.Objects;

/**
 * What the audit log counted for one (client, table, operation): requests that named a table
 * ({@code query} requests name none and are counted per client only).
 *
 * @param errorOperations those that answered a status of 400 or more
 */
public record TableStatistics(
    String tableName,
    String operation,
    long totalOperations,
    long errorOperations,
    Instant lastOperationAt) {
  public TableStatistics {
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(operation, "operation");
  }
}
