package io.athena.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The read cache of {@code /gateway/fetch}.
 *
 * <p>Off by default: a cache in front of a database serves reads that a writer going around Athena
 * (a migration, another service) has made stale, for up to {@code ttl}; that must be a choice.
 * Writes through Athena are always visible at once on every node (with a shared tier).
 *
 * @param enabled whether fetches are cached at all; when off they answer {@code bypass}
 * @param ttl how long an entry lives at most (bounds staleness against writers outside Athena)
 * @param maxEntries entries the local tier holds at most
 * @param maxEntryBytes larger responses are streamed and not cached
 * @param sharedFailureThreshold consecutive shared-tier failures that open its circuit
 * @param sharedRetryAfter how long an open circuit waits before one call probes the shared tier
 */
public record CacheConfig(
    boolean enabled,
    Duration ttl,
    long maxEntries,
    long maxEntryBytes,
    int sharedFailureThreshold,
    Duration sharedRetryAfter) {
  public static final boolean DEFAULT_ENABLED = false;
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
  public static final long DEFAULT_MAX_ENTRIES = 10_000;
  public static final long DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024;
  public static final int DEFAULT_SHARED_FAILURE_THRESHOLD = 3;
  public static final Duration DEFAULT_SHARED_RETRY_AFTER = Duration.ofSeconds(10);

  public CacheConfig {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(sharedRetryAfter, "sharedRetryAfter");
    if (ttl.isNegative() || ttl.isZero() || sharedRetryAfter.isNegative()) {
      throw new IllegalArgumentException(
          "ttl was "
              + ttl
              + " and sharedRetryAfter "
              + sharedRetryAfter
              + "; ttl must be positive");
    }
    if (maxEntries < 1 || maxEntryBytes < 1 || sharedFailureThreshold < 1) {
      throw new IllegalArgumentException(
          "maxEntries, maxEntryBytes and sharedFailureThreshold must be >= 1, were "
              + maxEntries
              + ", "
              + maxEntryBytes
              + ", "
              + sharedFailureThreshold);
    }
  }

  /** The cache off; the other values are what {@link #enabledDefaults()} uses. */
  public static CacheConfig defaults() {
    return new CacheConfig(
        DEFAULT_ENABLED,
        DEFAULT_TTL,
        DEFAULT_MAX_ENTRIES,
        DEFAULT_MAX_ENTRY_BYTES,
        DEFAULT_SHARED_FAILURE_THRESHOLD,
        DEFAULT_SHARED_RETRY_AFTER);
  }

  /** The defaults with the cache on. */
  public static CacheConfig enabledDefaults() {
    return defaults().withEnabled(true);
  }

  public CacheConfig withEnabled(boolean on) {
    return new CacheConfig(
        on, ttl, maxEntries, maxEntryBytes, sharedFailureThreshold, sharedRetryAfter);
  }

  public CacheConfig withTtl(Duration newTtl) {
    return new CacheConfig(
        enabled, newTtl, maxEntries, maxEntryBytes, sharedFailureThreshold, sharedRetryAfter);
  }

  public CacheConfig withMaxEntryBytes(long bytes) {
    return new CacheConfig(
        enabled, ttl, maxEntries, bytes, sharedFailureThreshold, sharedRetryAfter);
  }

  public CacheConfig withSharedCircuit(int failureThreshold, Duration retryAfter) {
    return new CacheConfig(enabled, ttl, maxEntries, maxEntryBytes, failureThreshold, retryAfter);
  }
}
