package io.athena.core.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.athena.spi.limits.SharedLimits;
import io.athena.spi.limits.SlotGrant;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits counted in this JVM: the per-node rate limit, a fallback while a shared store is down, and
 * the reference implementation of {@link SharedLimits} (several gateways of one JVM may share one
 * instance). Buckets idle for ten minutes are forgotten, so memory stays bounded.
 */
public final class InMemorySharedLimits implements SharedLimits {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final Cache<String, Bucket> buckets;
  private final Map<String, Map<String, Instant>> pools = new HashMap<>();

  /**
   * @param clock ages idle buckets out
   */
  public InMemorySharedLimits(InstantSource clock) {
    this.buckets =
        Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .ticker(() -> nanos(clock.instant()))
            .build();
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Duration takeToken(String bucket, int perSecond, int burst, Instant now) {
    long at = nanos(now);
    Bucket b = buckets.get(bucket, k -> new Bucket(burst, at));
    double wait;
    synchronized (b) {
      wait = b.take(at, perSecond, burst);
    }
    return wait <= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(wait * NANOS_PER_SECOND));
  }

  @Override
  public synchronized SlotGrant takeSlots(
      String slot, Map<String, Integer> limits, Instant now, Instant expiresAt) {
    for (Map.Entry<String, Integer> limit : limits.entrySet()) {
      Map<String, Instant> pool = pools.computeIfAbsent(limit.getKey(), k -> new HashMap<>());
      pool.values().removeIf(expiry -> !now.isBefore(expiry));
      if (pool.size() >= limit.getValue() && !pool.containsKey(slot)) {
        return SlotGrant.FULL;
      }
    }
    limits.keySet().forEach(name -> pools.get(name).put(slot, expiresAt));
    return SlotGrant.TAKEN;
  }

  @Override
  public synchronized void renewSlots(
      Map<String, ? extends Collection<String>> slots, Instant expiresAt) {
    slots.forEach(
        (slot, names) ->
            names.forEach(
                name -> {
                  Map<String, Instant> pool = pools.get(name);
                  if (pool != null) {
                    pool.computeIfPresent(slot, (s, old) -> expiresAt);
                  }
                }));
  }

  @Override
  public synchronized void releaseSlots(String slot, Collection<String> names) {
    names.forEach(
        name -> {
          Map<String, Instant> pool = pools.get(name);
          if (pool != null) {
            pool.remove(slot);
          }
        });
  }

  private static long nanos(Instant now) {
    return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
  }

  /** Tokens left and when they were last counted; guarded by its own monitor. */
  private static final class Bucket {
    private double tokens;
    private long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }

    /** Takes a token if one is there; else the seconds until one will be. */
    double take(long now, double perSecond, double burst) {
      if (now > at) {
        tokens = Math.min(burst, tokens + (now - at) * perSecond / NANOS_PER_SECOND);
        at = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (1 - tokens) / perSecond;
    }
  }
}
