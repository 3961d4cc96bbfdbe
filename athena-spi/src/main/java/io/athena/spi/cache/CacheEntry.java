package io.athena.spi.cache;

import java.util.Arrays;
import java.util.Objects;

/**
 * One cached response.
 *
 * @param scope the scope whose generation the entry depends on (the client name)
 * @param generation the generation of {@code scope} read before the response was built: the entry
 *     is stale once the scope's generation moved past it
 * @param body the serialized response body, exactly as it was sent
 */
public record CacheEntry(String scope, long generation, byte[] body) {
  public CacheEntry {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(body, "body");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CacheEntry other
        && scope.equals(other.scope)
        && generation == other.generation
        && Arrays.equals(body, other.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scope, generation, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "CacheEntry[" + scope + "@" + generation + ", " + body.length + " bytes]";
  }
}
