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
 * @param readerLeased whether the reading node's own lease is on record. False when the store lost
 *     it (a Redis restarted empty, or forgot the node): the node renews at once, since until then a
 *     write it makes while cut off would go unnoticed by the others
 */
public record GenerationRead(long generation, Optional<String> lapsedNode, boolean readerLeased) {
  public GenerationRead {
    Objects.requireNonNull(lapsedNode, "lapsedNode");
  }

  /** A read by a node whose lease is on record. */
  public GenerationRead(long generation, Optional<String> lapsedNode) {
    this(generation, lapsedNode, true);
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
