package io.athena.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The read cache of {@code /gateway/fetch}.
 *
 * <p>Off by default: a cache in front of a database serves reads that a writer going around Athena
 * (a migration, another service) has made stale, for up to {@code ttl}; that must be a choice.
 * Writes through Athena are always visible at once on every node (with a shared tier).
 *
 * @param enabled whether fetches are cached at all; when off they answer {@code bypass}
 * @param ttl how long an entry lives at most, counted from the moment its generation was read
 *     (bounds staleness against writers outside Athena)
 * @param maxEntries entries the local tier holds at most
 * @param maxEntryBytes larger responses are streamed and not cached
 * @param sharedFailureThreshold consecutive shared-tier failures that open its circuit
 * @param sharedRetryAfter how long an open circuit waits before one call probes the shared tier
 * @param sharedLease how long a node's lease in the shared tier lasts without renewal (renewed
 *     every third of it): how soon other nodes stop trusting the cache after a node lost touch
 * @param sharedLapseGrace how long a lapsed lease keeps the other nodes from trusting the cache
 *     before its node is forgotten; {@link Duration#ZERO} means {@code ttl}
 * @param redis the Redis of the shared tier (and of shared limits); none by default
 */
public record CacheConfig(
    boolean enabled,
    Duration ttl,
    long maxEntries,
    long maxEntryBytes,
    int sharedFailureThreshold,
    Duration sharedRetryAfter,
    Duration sharedLease,
    Duration sharedLapseGrace,
    RedisConfig redis) {
  public static final boolean DEFAULT_ENABLED = false;
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
  public static final long DEFAULT_MAX_ENTRIES = 10_000;
  public static final long DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024;
  public static final int DEFAULT_SHARED_FAILURE_THRESHOLD = 3;
  public static final Duration DEFAULT_SHARED_RETRY_AFTER = Duration.ofSeconds(10);
  public static final Duration DEFAULT_SHARED_LEASE = Duration.ofSeconds(2);
  public static final Duration DEFAULT_SHARED_LAPSE_GRACE = Duration.ZERO;

  public CacheConfig {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(sharedRetryAfter, "sharedRetryAfter");
    Objects.requireNonNull(sharedLease, "sharedLease");
    Objects.requireNonNull(sharedLapseGrace, "sharedLapseGrace");
    Objects.requireNonNull(redis, "redis");
    if (ttl.isNegative()
        || ttl.isZero()
        || sharedRetryAfter.isNegative()
        || sharedLease.isNegative()
        || sharedLease.isZero()
        || sharedLapseGrace.isNegative()) {
      throw new IllegalArgumentException(
          "ttl was "
              + ttl
              + ", sharedRetryAfter "
              + sharedRetryAfter
              + ", sharedLease "
              + sharedLease
              + " and sharedLapseGrace "
              + sharedLapseGrace
              + "; ttl and sharedLease must be positive, the others not negative");
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
        DEFAULT_SHARED_RETRY_AFTER,
        DEFAULT_SHARED_LEASE,
        DEFAULT_SHARED_LAPSE_GRACE,
        RedisConfig.none());
  }

  /** The defaults with the cache on. */
  public static CacheConfig enabledDefaults() {
    return defaults().withEnabled(true);
  }

  /**
   * How long a lapsed node keeps the others from trusting the cache: {@code sharedLapseGrace}, or
   * {@code ttl} when that is zero. At least {@code ttl} closes the window entirely: every entry
   * built before the lapse has expired by the time the node is forgotten.
   */
  public Duration effectiveLapseGrace() {
    return sharedLapseGrace.isZero() ? ttl : sharedLapseGrace;
  }

  public CacheConfig withEnabled(boolean on) {
    return edit(d -> d.enabled = on);
  }

  public CacheConfig withTtl(Duration newTtl) {
    return edit(d -> d.ttl = newTtl);
  }

  public CacheConfig withMaxEntryBytes(long bytes) {
    return edit(d -> d.maxEntryBytes = bytes);
  }

  public CacheConfig withSharedCircuit(int failureThreshold, Duration retryAfter) {
    return edit(
        d -> {
          d.sharedFailureThreshold = failureThreshold;
          d.sharedRetryAfter = retryAfter;
        });
  }

  /** These settings with the shared tier's lease and lapse grace replaced. */
  public CacheConfig withSharedLease(Duration lease, Duration lapseGrace) {
    return edit(
        d -> {
          d.sharedLease = lease;
          d.sharedLapseGrace = lapseGrace;
        });
  }

  public CacheConfig withRedis(RedisConfig newRedis) {
    return edit(d -> d.redis = newRedis);
  }

  /** A copy with some fields changed; the canonical constructor validates the result. */
  private CacheConfig edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** The mutable twin the withers edit, so that each names only the fields it changes. */
  private static final class Draft {
    boolean enabled;
    Duration ttl;
    long maxEntries;
    long maxEntryBytes;
    int sharedFailureThreshold;
    Duration sharedRetryAfter;
    Duration sharedLease;
    Duration sharedLapseGrace;
    RedisConfig redis;

    Draft(CacheConfig c) {
      enabled = c.enabled;
      ttl = c.ttl;
      maxEntries = c.maxEntries;
      maxEntryBytes = c.maxEntryBytes;
      sharedFailureThreshold = c.sharedFailureThreshold;
      sharedRetryAfter = c.sharedRetryAfter;
      sharedLease = c.sharedLease;
      sharedLapseGrace = c.sharedLapseGrace;
      redis = c.redis;
    }

    CacheConfig build() {
      return new CacheConfig(
          enabled,
          ttl,
          maxEntries,
          maxEntryBytes,
          sharedFailureThreshold,
          sharedRetryAfter,
          sharedLease,
          sharedLapseGrace,
          redis);
    }
  }
}
