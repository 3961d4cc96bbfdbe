package io.athena.core.cache;

import io.athena.spi.cache.CacheEntry;
import java.time.Instant;

/**
 * What {@link ReadCache#lookup} found.
 *
 * @param outcome how the cache served (or did not serve) the request
 * @param client the client, the scope the entry depends on
 * @param key the cache key
 * @param body the cached body on a hit, else null
 * @param rows the rows of the cached body on a hit when its entry counted them, else {@link
 *     io.athena.spi.cache.CacheEntry#UNKNOWN_ROWS}
 * @param generation the client's generation read before the database is asked; stored with the
 *     entry so that a write racing this read makes it stale
 * @param expiresAt when an entry stored from this lookup stops being served: {@code cache.ttl}
 *     after its generation was read, however long the database took
 * @param storable whether the response may be stored
 */
public record Lookup(
    CacheOutcome outcome,
    String client,
    String key,
    byte[] body,
    long rows,
    long generation,
    Instant expiresAt,
    boolean storable) {

  static Lookup bypass(String client, String key) {
    return new Lookup(
        CacheOutcome.BYPASS, client, key, null, CacheEntry.UNKNOWN_ROWS, 0, Instant.MIN, false);
  }

  /** Whether {@link #body()} answers the request. */
  public boolean hit() {
    return outcome.cached();
  }
}
