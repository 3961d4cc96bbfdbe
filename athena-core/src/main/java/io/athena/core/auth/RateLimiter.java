package io.athena.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * A token bucket per key (or per client for requests without a key): {@code burst} requests at
 * once, refilled at {@code perSecond}. Over the limit → 429 {@code rate_limited} with {@code
 * Retry-After}. Buckets idle for ten minutes are forgotten, so memory stays bounded.
 */
final class RateLimiter {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final InstantSource clock;
  private final double perSecond;
  private final double burst;
  private final Cache<String, Bucket> buckets;

  RateLimiter(InstantSource clock, int perSecond, int burst) {
    this.clock = clock;
    this.perSecond = perSecond;
    this.burst = burst;
    this.buckets =
        Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .ticker(() -> nanos(clock))
            .build();
  }

  /**
   * Takes one token for {@code subject}.
   *
   * @throws GatewayException 429 {@code rate_limited} when the bucket is empty
   */
  void acquire(String subject) {
    Bucket bucket = buckets.get(subject, k -> new Bucket(burst, nanos(clock)));
    double wait;
    synchronized (bucket) {
      wait = bucket.take(nanos(clock), perSecond, burst);
    }
    if (wait > 0) {
      int retryAfter = (int) Math.max(1, Math.ceil(wait));
      throw new GatewayException(
          ErrorCode.RATE_LIMITED,
          "Too many requests: the limit is " + (long) perSecond + " per second",
          null,
          retryAfter,
          Map.of());
    }
  }

  private static long nanos(InstantSource clock) {
    var now = clock.instant();
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
