package io.athena.testkit.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so leases, retries and heartbeats can be tested
 * without sleeping. Thread-safe: background threads see every change at once.
 */
public final class SettableClock implements InstantSource {
  /** Where a clock made with {@link #SettableClock()} starts: a fixed, recognisable instant. */
  public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;

  public SettableClock() {
    this(DEFAULT_START);
  }

  public SettableClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /** Jumps to {@code instant} (backwards too, for tests of clock skew). */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /**
   * Moves the clock forward.
   *
   * @return the new time
   * @throws IllegalArgumentException when {@code amount} is negative; use {@link #set} to go back
   */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount was " + amount + " but must not be negative");
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  @Override
  public String toString() {
    return "SettableClock[" + now.get() + "]";
  }
}
