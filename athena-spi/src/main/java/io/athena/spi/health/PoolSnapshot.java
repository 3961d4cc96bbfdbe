package io.athena.spi.health;

import java.util.OptionalInt;

/**
 * A client's connection pool at one moment.
 *
 * @param active connections lent out right now
 * @param idle open connections waiting to be lent
 * @param max the most connections the pool opens
 * @param pending threads waiting for a connection, when the pool tells
 */
public record PoolSnapshot(int active, int idle, int max, OptionalInt pending) {
  public PoolSnapshot {
    if (active < 0 || idle < 0 || max < 0) {
      throw new IllegalArgumentException(
          "pool counts were active="
              + active
              + ", idle="
              + idle
              + ", max="
              + max
              + " but must not be negative");
    }
    if (pending.isPresent() && pending.getAsInt() < 0) {
      throw new IllegalArgumentException(
          "pending was '" + pending.getAsInt() + "' but must not be negative");
    }
  }

  /** A snapshot with a known number of waiting threads. */
  public static PoolSnapshot of(int active, int idle, int max, int pending) {
    return new PoolSnapshot(active, idle, max, OptionalInt.of(pending));
  }
}
