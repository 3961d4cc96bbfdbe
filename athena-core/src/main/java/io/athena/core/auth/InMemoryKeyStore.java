package io.athena.core.auth;

import io.athena.spi.auth.ApiKey;
import io.athena.spi.auth.EnforcementSettings;
import io.athena.spi.auth.KeyStore;
import io.athena.spi.auth.StoredKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keys in memory: the default store, and the reference for {@link KeyStore} implementations. Keys
 * are lost when the process ends; use a persistent store (athena-postgres's {@code
 * PostgresKeyStore}) when keys must survive restarts or be shared by several nodes.
 */
public final class InMemoryKeyStore implements KeyStore {
  private final Map<String, StoredKey> keys = new ConcurrentHashMap<>();
  private final AtomicReference<EnforcementSettings> enforcement = new AtomicReference<>();

  @Override
  public Optional<EnforcementSettings> loadEnforcement() {
    return Optional.ofNullable(enforcement.get());
  }

  @Override
  public void saveEnforcement(EnforcementSettings settings) {
    enforcement.set(Objects.requireNonNull(settings, "settings"));
  }

  @Override
  public Optional<StoredKey> find(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public List<ApiKey> list() {
    List<ApiKey> all = new ArrayList<>();
    keys.values().forEach(stored -> all.add(stored.key()));
    all.sort(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id));
    return all;
  }

  @Override
  public void create(StoredKey key) {
    Objects.requireNonNull(key, "key");
    if (keys.putIfAbsent(key.key().id(), key) != null) {
      throw new IllegalStateException("a key with id " + key.key().id() + " exists");
    }
  }

  @Override
  public boolean update(ApiKey key) {
    return keys.computeIfPresent(key.id(), (id, stored) -> stored.withKey(key)) != null;
  }

  @Override
  public boolean delete(String id) {
    return keys.remove(id) != null;
  }

  /** Batches may arrive out of order: keep the later time. */
  private static ApiKey latest(ApiKey key, Instant at) {
    Instant last = key.lastUsedAt();
    return last != null && last.isAfter(at) ? key : key.withLastUsedAt(at);
  }

  @Override
  public void touch(Map<String, Instant> lastUsed) {
    lastUsed.forEach(
        (id, at) ->
            keys.computeIfPresent(id, (k, stored) -> stored.withKey(latest(stored.key(), at))));
  }
}
