package io.athena.spi.cache;

import java.time.Duration;
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
