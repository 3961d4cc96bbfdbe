package io.athena.spi.cache;

import java.util.Objects;
import java.util.Optional;

/**
 * A scope's generation as one node read it from a shared store, and whether it can vouch for
 * freshness.
 *
 * @param generation the scope's current generation
 * @param lapsedNode another node whose lease lapsed and was not forgotten yet: it may have written
 *     without being able to advance the generation, so no entry may be trusted (or stored) until it
 *     renews or is forgotten; empty when every known node is in touch
 */
public record GenerationRead(long generation, Optional<String> lapsedNode) {
  public GenerationRead {
    Objects.requireNonNull(lapsedNode, "lapsedNode");
  }

  /** A read every node vouches for. */
  public static GenerationRead trusted(long generation) {
    return new GenerationRead(generation, Optional.empty());
  }

  /** Whether entries built at {@link #generation()} may be served and stored. */
  public boolean isTrusted() {
    return lapsedNode.isEmpty();
  }
}
