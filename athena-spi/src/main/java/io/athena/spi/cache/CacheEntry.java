package io.athena.spi.cache;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One cached response.
 *
 * @param scope the scope whose generation the entry depends on (the client name)
 * @param generation the generation of {@code scope} read before the response was built: the entry
 *     is stale once the scope's generation moved past it
 * @param body the serialized response body, exactly as it was sent
 * @param rows how many rows the body holds, for the trace of a request it answers; {@link
 *     #UNKNOWN_ROWS} when the store or its writer did not say
 * @param expiresAt when the entry stops being served, on the gateway's clock: its TTL counted from
 *     the moment its generation was read, so that a copy (a shared entry kept locally) never
 *     outlives the original; {@link Instant#MAX} leaves it to the store's TTL alone
 */
public record CacheEntry(String scope, long generation, byte[] body, long rows, Instant expiresAt) {
  /** The row count of an entry whose writer did not count them. */
  public static final long UNKNOWN_ROWS = -1;

  public CacheEntry {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** An entry of uncounted rows. */
  public CacheEntry(String scope, long generation, byte[] body, Instant expiresAt) {
    this(scope, generation, body, UNKNOWN_ROWS, expiresAt);
  }

  /** An entry of uncounted rows bounded only by the TTL it is stored with. */
  public CacheEntry(String scope, long generation, byte[] body) {
    this(scope, generation, body, Instant.MAX);
  }

  /** Whether the entry may still be served at {@code now}. */
  public boolean liveAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CacheEntry other
        && scope.equals(other.scope)
        && generation == other.generation
        && rows == other.rows
        && expiresAt.equals(other.expiresAt)
        && Arrays.equals(body, other.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scope, generation, rows, expiresAt, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "CacheEntry[" + scope + "@" + generation + ", " + body.length + " bytes]";
  }
}
