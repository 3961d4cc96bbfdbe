package io.athena.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.athena.spi.cache.CacheEntry;
import io.athena.spi.cache.CacheStore;
import io.athena.spi.cache.GenerationRead;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process tier: a Caffeine cache bounded by entry count, each entry living for the TTL it
 * was put with, and generations in a map of this JVM only (so alone it is right for one node; with
 * a shared tier the gateway checks the shared generations instead).
 *
 * <p>It also keeps leases, so that several gateways of one JVM can share one instance as their
 * "shared" tier: the reference implementation of the whole {@link CacheStore} contract, and a way
 * to test multi-node behaviour without Redis.
 */
public final class LocalCacheStore implements CacheStore {
  private final Cache<String, Timed> entries;
  private final ConcurrentMap<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Instant> leases = new ConcurrentHashMap<>();

  /** An entry and how long it may live. */
  private record Timed(CacheEntry entry, long ttlNanos) {}

  public LocalCacheStore(long maxEntries) {
    this.entries =
        Caffeine.newBuilder().maximumSize(maxEntries).expireAfter(new TtlExpiry()).build();
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Optional<CacheEntry> get(String key) {
    Timed timed = entries.getIfPresent(key);
    return timed == null ? Optional.empty() : Optional.of(timed.entry());
  }

  @Override
  public void put(String key, CacheEntry entry, Duration ttl) {
    entries.put(key, new Timed(entry, Math.max(1, ttl.toNanos())));
  }

  @Override
  public long generation(String scope) {
    AtomicLong generation = generations.get(scope);
    return generation == null ? 0 : generation.get();
  }

  @Override
  public long advance(String scope) {
    long next = generations.computeIfAbsent(scope, s -> new AtomicLong()).incrementAndGet();
    evict(scope); // stale now anyway: free the memory at once
    return next;
  }

  @Override
  public GenerationRead readGeneration(
      String scope, String node, Instant now, Instant forgetBefore) {
    long generation = generation(scope);
    Optional<String> lapsed =
        leases.entrySet().stream()
            .filter(lease -> !lease.getKey().equals(node))
            .filter(lease -> !now.isBefore(lease.getValue()))
            .filter(lease -> !lease.getValue().isBefore(forgetBefore))
            .map(Map.Entry::getKey)
            .findFirst();
    return new GenerationRead(generation, lapsed, leases.containsKey(node));
  }

  @Override
  public void renewLease(String node, Instant expiresAt, Instant forgetBefore) {
    leases.put(node, expiresAt);
    leases.values().removeIf(expiry -> expiry.isBefore(forgetBefore));
  }

  @Override
  public void dropLease(String node) {
    leases.remove(node);
  }

  @Override
  public void evict(String scope) {
    entries.asMap().values().removeIf(timed -> timed.entry().scope().equals(scope));
  }

  @Override
  public void clear() {
    entries.invalidateAll();
  }

  /** Entries in the cache now, for tests and diagnostics (approximate under concurrency). */
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  /** Each entry expires its own TTL after it was written; reads do not extend it. */
  private static final class TtlExpiry implements Expiry<String, Timed> {
    @Override
    public long expireAfterCreate(String key, Timed value, long currentTime) {
      return value.ttlNanos();
    }

    @Override
    public long expireAfterUpdate(String key, Timed value, long currentTime, long currentDuration) {
      return value.ttlNanos();
    }

    @Override
    public long expireAfterRead(String key, Timed value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
