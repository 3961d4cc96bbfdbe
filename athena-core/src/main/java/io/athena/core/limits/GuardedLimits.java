package io.athena.core.limits;

import io.athena.core.internal.CircuitBreaker;
import io.athena.spi.limits.SharedLimits;
import io.athena.spi.limits.SlotGrant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shared limits store as the gateway uses it: behind a circuit (a dead Redis costs one short
 * timeout per {@code retryAfter}, not one per request), and answering empty whenever the store
 * cannot, so that the caller counts by this node alone instead. Such fallbacks are counted in
 * {@code athena.limits.fallbacks{limit}} (Prometheus {@code athena_limits_fallbacks_total}) and
 * logged once at WARN until the store answers again.
 */
public final class GuardedLimits {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedLimits.class);

  public static final String FALLBACKS_METER = "athena.limits.fallbacks";

  /** The {@code limit} tag of the rate limit. */
  public static final String RATE_LIMIT = "rate_limit";

  /** The {@code limit} tag of admission's concurrency limits. */
  public static final String ADMISSION = "admission";

  private final SharedLimits store;
  private final CircuitBreaker circuit;
  private final MeterRegistry meters;
  private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();
  private final AtomicBoolean degraded = new AtomicBoolean();

  /**
   * @param failureThreshold consecutive failures that open the circuit
   * @param retryAfter how long an open circuit waits before one call probes the store
   */
  public GuardedLimits(
      SharedLimits store,
      int failureThreshold,
      Duration retryAfter,
      InstantSource clock,
      MeterRegistry meters) {
    this.store = Objects.requireNonNull(store, "store");
    this.circuit = new CircuitBreaker(failureThreshold, retryAfter, clock);
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  public String name() {
    return store.name();
  }

  /** A token, or how long until one is there; empty: count locally. */
  public Optional<Duration> takeToken(String bucket, int perSecond, int burst, Instant now) {
    return call(RATE_LIMIT, () -> store.takeToken(bucket, perSecond, burst, now));
  }

  /** Whether the slot was taken; empty: count locally. */
  public Optional<SlotGrant> takeSlots(
      String slot, Map<String, Integer> limits, Instant now, Instant expiresAt) {
    return call(ADMISSION, () -> store.takeSlots(slot, limits, now, expiresAt));
  }

  /** Renews held slots; a failure only means they may lapse (and free up early). */
  public void renewSlots(Map<String, ? extends Collection<String>> slots, Instant expiresAt) {
    bestEffort(() -> store.renewSlots(slots, expiresAt));
  }

  /** Releases a slot; a failure only means it lapses at its expiry instead. */
  public void releaseSlots(String slot, Collection<String> pools) {
    bestEffort(() -> store.releaseSlots(slot, pools));
  }

  private <T> Optional<T> call(String limit, Supplier<T> call) {
    if (circuit.allowsCall()) {
      try {
        T answer = call.get();
        succeeded();
        return Optional.of(answer);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
    fallbacks
        .computeIfAbsent(
            limit,
            l ->
                Counter.builder(FALLBACKS_METER)
                    .description(
                        "Limit decisions counted by one node because the shared store failed")
                    .tag("limit", l)
                    .register(meters))
        .increment();
    return Optional.empty();
  }

  private void bestEffort(Runnable call) {
    if (!circuit.allowsCall()) {
      return;
    }
    try {
      call.run();
      succeeded();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void succeeded() {
    circuit.succeeded();
    if (degraded.compareAndSet(true, false)) {
      LOG.info("the shared limits store '{}' answers again; limits are cluster-wide", name());
    }
  }

  private void failed(RuntimeException e) {
    circuit.failed();
    if (degraded.compareAndSet(false, true)) {
      LOG.warn(
          "the shared limits store '{}' failed; each node counts its own requests against the"
              + " limits until it answers again",
          name(),
          e);
    } else {
      LOG.debug("shared limits store '{}' call failed", name(), e);
    }
  }
}
