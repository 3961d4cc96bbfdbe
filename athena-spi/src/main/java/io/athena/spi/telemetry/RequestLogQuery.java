package io.athena.spi.telemetry;

import java.util.Objects;

/**
 * Which recorded requests of one client to read, newest first.
 *
 * @param tableName only requests on this table; null for any
 * @param operation only this operation ({@code fetch}, ...); null for any
 * @param limit at most this many rows, at least 1
 * @param offset rows skipped first, at least 0
 */
public record RequestLogQuery(
    String client, String tableName, String operation, Status status, int limit, int offset) {

  /** Which outcomes to read. */
  public enum Status {
    /** Every request. */
    ALL,
    /** Requests that answered 400 or more. */
    ERRORS,
    /** Requests that answered below 400. */
    NORMAL
  }

  public RequestLogQuery {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(status, "status");
    if (limit < 1) {
      throw new IllegalArgumentException("limit was " + limit + " but must be at least 1");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset was " + offset + " but must not be negative");
    }
  }
}
