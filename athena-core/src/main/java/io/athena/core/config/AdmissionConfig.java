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
 * @param shared count the limits across every node through the shared limits store (Redis, {@code
 *     cache.redis}); a node that cannot reach it admits by its own counts meanwhile
 * @param sharedSlotLease how long a slot counted in the shared store lasts without renewal (held
 *     slots are renewed every third of it), so a node that dies does not keep its slots
 */
public record AdmissionConfig(
    int maxConcurrent,
    int maxConcurrentPerClient,
    OverloadAction overload,
    Duration deferredResultTtl,
    boolean shared,
    Duration sharedSlotLease) {
  public static final int DEFAULT_MAX_CONCURRENT = 0;
  public static final int DEFAULT_MAX_CONCURRENT_PER_CLIENT = 0;
  public static final OverloadAction DEFAULT_OVERLOAD = OverloadAction.REJECT;
  public static final Duration DEFAULT_DEFERRED_RESULT_TTL = Duration.ofHours(1);
  public static final boolean DEFAULT_SHARED = false;
  public static final Duration DEFAULT_SHARED_SLOT_LEASE = Duration.ofSeconds(10);

  public AdmissionConfig {
    Objects.requireNonNull(overload, "overload");
    Objects.requireNonNull(deferredResultTtl, "deferredResultTtl");
    Objects.requireNonNull(sharedSlotLease, "sharedSlotLease");
    if (sharedSlotLease.compareTo(Duration.ofMillis(300)) < 0) {
      throw new IllegalArgumentException(
          "sharedSlotLease was " + sharedSlotLease + " but must be at least 300ms");
    }
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

  /** Limits counted by this node alone. */
  public AdmissionConfig(
      int maxConcurrent,
      int maxConcurrentPerClient,
      OverloadAction overload,
      Duration deferredResultTtl) {
    this(
        maxConcurrent,
        maxConcurrentPerClient,
        overload,
        deferredResultTtl,
        DEFAULT_SHARED,
        DEFAULT_SHARED_SLOT_LEASE);
  }

  /** No limits: every request is admitted, as before admission control existed. */
  public static AdmissionConfig defaults() {
    return new AdmissionConfig(
        DEFAULT_MAX_CONCURRENT,
        DEFAULT_MAX_CONCURRENT_PER_CLIENT,
        DEFAULT_OVERLOAD,
        DEFAULT_DEFERRED_RESULT_TTL);
  }

  /** These limits counted across every node (or by each node alone). */
  public AdmissionConfig withShared(boolean newShared) {
    return new AdmissionConfig(
        maxConcurrent,
        maxConcurrentPerClient,
        overload,
        deferredResultTtl,
        newShared,
        sharedSlotLease);
  }

  /** Whether any limit is set. */
  public boolean bounded() {
    return maxConcurrent > 0 || maxConcurrentPerClient > 0;
  }
}
