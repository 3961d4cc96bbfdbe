package io.athena.spi.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One tier of the read cache: entries by key, and a generation per scope.
 *
 * <p>A scope's generation only ever moves forward while the store lives; {@link #advance} moves it
 * after every write the scope covers, so an entry built at an older generation is never served. A
 * store shared by several nodes (Redis) keeps the generations there, so an advance on one node is
 * seen by every other node's next read.
 *
 * <p>Leases (shared stores only): every node sharing the store renews a lease while it is in touch
 * with the store and has no advance outstanding. A node that cannot reach the store may still write
 * to the database; its lease lapses, and until it renews (after replaying its advances) or is
 * forgotten, {@link #readGeneration} tells every other node not to trust the generations. A local
 * store has no other nodes: the defaults ignore leases.
 *
 * <p>Implementations are thread-safe. A failing shared store throws {@link
 * CacheUnavailableException} (or any runtime exception): the gateway then answers from the
 * database, never with an error.
 */
public interface CacheStore extends AutoCloseable {
  /** A short name for logs and metrics, such as {@code local} or {@code redis}. */
  String name();

  /** The entry under {@code key}, or empty when there is none (or it expired). */
  Optional<CacheEntry> get(String key);

  /** Stores {@code entry} under {@code key} for at most {@code ttl}, replacing any other. */
  void put(String key, CacheEntry entry, Duration ttl);

  /** The current generation of {@code scope}; the same value until the next {@link #advance}. */
  long generation(String scope);

  /**
   * Moves {@code scope} to a new generation and tells other nodes (if the store is shared).
   *
   * @return the new generation, different from every earlier one of this scope
   */
  long advance(String scope);

  /**
   * The generation of {@code scope} as {@code node} reads it at {@code now}, together with any
   * other node whose lease has lapsed: its expiry is at or before {@code now} and not before {@code
   * forgetBefore} (earlier: forgotten, ignored), and whether {@code node}'s own lease is on record
   * (a store that can lose its data reports it, so the node renews at once). A shared store answers
   * all of it in one round trip; the default reads {@link #generation} and knows no other nodes.
   */
  default GenerationRead readGeneration(
      String scope, String node, Instant now, Instant forgetBefore) {
    return GenerationRead.trusted(generation(scope));
  }

  /**
   * Holds (or renews) {@code node}'s lease until {@code expiresAt}, and forgets nodes whose lease
   * lapsed before {@code forgetBefore}. A node calls it only while it has no advance outstanding.
   */
  default void renewLease(String node, Instant expiresAt, Instant forgetBefore) {}

  /** Gives {@code node}'s lease up, on a clean shutdown with no advance outstanding. */
  default void dropLease(String node) {}

  /**
   * Drops the entries of {@code scope}, to free memory: correctness never depends on it, since a
   * stale entry is recognised by its generation.
   */
  void evict(String scope);

  /** Drops every entry (generations stay). */
  void clear();

  /**
   * Calls {@code listener} with the scope whenever another node advanced one. Only shared stores
   * hear of other nodes; the default ignores the listener.
   */
  default void onRemoteAdvance(Consumer<String> listener) {}

  /** Frees connections; the default does nothing. */
  @Override
  default void close() {}
}
