package io.athena.core.auth;

import io.athena.core.limits.GuardedLimits;
import io.athena.core.limits.InMemorySharedLimits;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per key (or per client for requests without a key): {@code burst} requests at
 * once, refilled at {@code perSecond}. Over the limit → 429 {@code rate_limited} with {@code
 * Retry-After}. Counted in a shared store when one is given (the limit then holds across nodes),
 * else, and whenever that store cannot answer, in this JVM.
 */
final class RateLimiter {
  private final InstantSource clock;
  private final int perSecond;
  private final int burst;
  private final InMemorySharedLimits local;
  private final GuardedLimits shared;

  /**
   * @param shared where every node counts, or null to count in this JVM only
   */
  RateLimiter(InstantSource clock, int perSecond, int burst, GuardedLimits shared) {
    this.clock = clock;
    this.perSecond = perSecond;
    this.burst = burst;
    this.local = new InMemorySharedLimits(clock);
    this.shared = shared;
  }

  /**
   * Takes one token for {@code subject}.
   *
   * @throws GatewayException 429 {@code rate_limited} when the bucket is empty
   */
  void acquire(String subject) {
    Instant now = clock.instant();
    String bucket = "rate:" + subject;
    Duration wait =
        Optional.ofNullable(shared)
            .flatMap(s -> s.takeToken(bucket, perSecond, burst, now))
            .orElseGet(() -> local.takeToken(bucket, perSecond, burst, now));
    if (!wait.isZero()) {
      int retryAfter = (int) Math.max(1, Math.ceil(wait.toNanos() / 1e9));
      throw new GatewayException(
          ErrorCode.RATE_LIMITED,
          "Too many requests: the limit is " + perSecond + " per second",
          null,
          retryAfter,
          Map.of());
    }
  }
}
