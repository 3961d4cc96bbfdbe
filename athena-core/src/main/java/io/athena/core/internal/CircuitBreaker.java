package io.athena.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Guards calls to a shared store (the cache's shared tier, shared limits): closed while it answers;
 * open after {@code threshold} consecutive failures, so requests stop waiting on a dead Redis;
 * half-open once {@code retryAfter} passed on the injected clock, letting exactly one call probe;
 * closed again when the probe succeeds, open for another {@code retryAfter} when it fails.
 */
public final class CircuitBreaker {
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final Duration retryAfter;
  private final InstantSource clock;
  private State state = State.CLOSED;
  private int failures;
  private Instant openedAt = Instant.MIN;
  private boolean probing;

  public CircuitBreaker(int threshold, Duration retryAfter, InstantSource clock) {
    this.threshold = threshold;
    this.retryAfter = retryAfter;
    this.clock = clock;
  }

  /** Whether a call may go to the shared tier now; in half-open state, only the first may. */
  public synchronized boolean allowsCall() {
    if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(retryAfter))) {
      state = State.HALF_OPEN;
      probing = false;
    }
    if (state == State.HALF_OPEN && !probing) {
      probing = true;
      return true;
    }
    return state == State.CLOSED;
  }

  public synchronized void succeeded() {
    failures = 0;
    probing = false;
    state = State.CLOSED;
  }

  /**
   * Counts a failure.
   *
   * @return whether this failure opened a closed circuit
   */
  public synchronized boolean failed() {
    failures++;
    if (state == State.CLOSED && failures < threshold) {
      return false;
    }
    boolean opened = state == State.CLOSED;
    state = State.OPEN;
    openedAt = clock.instant();
    probing = false;
    return opened;
  }

  public synchronized State state() {
    return state;
  }
}
