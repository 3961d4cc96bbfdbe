package io.athena.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How many gateway requests may run at once, and what happens to the rest.
 *
 * @param maxConcurrent requests running at once across all clients; 0 is unbounded
 * @param maxConcurrentPerClient requests running at once per client; 0 is unbounded
 * @param overload what a request over a limit gets: 429 or a deferral
 * @param deferredResultTtl how long a finished deferred request can still be read
 */
public record AdmissionConfig(
    int maxConcurrent,
    int maxConcurrentPerClient,
    OverloadAction overload,
    Duration deferredResultTtl) {
  public static final int DEFAULT_MAX_CONCURRENT = 0;
  public static final int DEFAULT_MAX_CONCURRENT_PER_CLIENT = 0;
  public static final OverloadAction DEFAULT_OVERLOAD = OverloadAction.REJECT;
  public static final Duration DEFAULT_DEFERRED_RESULT_TTL = Duration.ofHours(1);

  public AdmissionConfig {
    Objects.requireNonNull(overload, "overload");
    Objects.requireNonNull(deferredResultTtl, "deferredResultTtl");
    if (maxConcurrent < 0 || maxConcurrentPerClient < 0) {
      throw new IllegalArgumentException(
          "maxConcurrent was "
              + maxConcurrent
              + " and maxConcurrentPerClient "
              + maxConcurrentPerClient
              + " but both must be >= 0 (0 is unbounded)");
    }
    if (deferredResultTtl.isNegative() || deferredResultTtl.isZero()) {
      throw new IllegalArgumentException(
          "deferredResultTtl was " + deferredResultTtl + " but must be positive");
    }
  }

  /** No limits: every request is admitted, as before admission control existed. */
  public static AdmissionConfig defaults() {
    return new AdmissionConfig(
        DEFAULT_MAX_CONCURRENT,
        DEFAULT_MAX_CONCURRENT_PER_CLIENT,
        DEFAULT_OVERLOAD,
        DEFAULT_DEFERRED_RESULT_TTL);
  }

  /** Whether any limit is set. */
  public boolean bounded() {
    return maxConcurrent > 0 || maxConcurrentPerClient > 0;
  }
}
