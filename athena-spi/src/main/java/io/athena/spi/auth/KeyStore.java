package io.athena.spi.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persists API keys. Implementations must be thread-safe and throw {@link
 * KeyStoreUnavailableException} when their storage cannot answer, so that the gateway can apply its
 * fail-closed or fail-open policy.
 */
public interface KeyStore {
  /** The key with this public id, or empty. */
  Optional<StoredKey> find(String id);

  /** Every key's metadata, oldest first. */
  List<ApiKey> list();

  /**
   * Stores a new key.
   *
   * @throws IllegalStateException when a key with the same id exists
   */
  void create(StoredKey key);

  /** Replaces the metadata of an existing key; false when there is no such key. */
  boolean update(ApiKey key);

  /** Removes a key; false when there was none. */
  boolean delete(String id);

  /**
   * Records when keys were last used. Called in batches off the request path; a lost update only
   * makes {@code last_used_at} older than it should be.
   */
  default void touch(Map<String, Instant> lastUsed) {}

  /**
   * The enforcement switch last saved, or empty when none was (the configuration then applies). The
   * default stores nothing: such a store's switches last until restart and stay on one node.
   *
   * @throws KeyStoreUnavailableException when the storage cannot answer
   */
  default Optional<EnforcementSettings> loadEnforcement() {
    return Optional.empty();
  }

  /**
   * Saves the enforcement switch, replacing the last one; every node reads it back within its key
   * cache TTL.
   *
   * @throws KeyStoreUnavailableException when the storage cannot answer
   */
  default void saveEnforcement(EnforcementSettings settings) {}
}
