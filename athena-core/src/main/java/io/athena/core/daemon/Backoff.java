package io.athena.core.daemon;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff between attempts: {@code base · factor^(attempt−1)}, at most {@code
 * cap}, with "equal jitter" (a random half of the delay is dropped) so that jobs failing together
 * do not all come back together. The delay is never below half its exponential value nor above the
 * cap.
 */
public final class Backoff {
  public static final Duration DEFAULT_BASE = Duration.ofSeconds(1);
  public static final double DEFAULT_FACTOR = 2.0;
  public static final Duration DEFAULT_CAP = Duration.ofMinutes(5);

  private final Duration base;
  private final double factor;
  private final Duration cap;
  private final DoubleSupplier jitter;

  /**
   * @param jitter numbers in [0, 1]; 1 keeps the whole delay, 0 halves it
   */
  public Backoff(Duration base, double factor, Duration cap, DoubleSupplier jitter) {
    this.base = positive(base, "base");
    this.cap = positive(cap, "cap");
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor was " + factor + " but must be >= 1");
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("cap was " + cap + " but must be >= base " + base);
    }
    this.factor = factor;
  }

  /** Base 1 s, factor 2, cap 5 min, random jitter. */
  public static Backoff defaults() {
    return new Backoff(
        DEFAULT_BASE, DEFAULT_FACTOR, DEFAULT_CAP, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The same backoff with another jitter source (tests pass {@code () -> 1.0}). */
  public Backoff withJitter(DoubleSupplier value) {
    return new Backoff(base, factor, cap, value);
  }

  /**
   * How long to wait after the given failed attempt.
   *
   * @param attempt the attempt that failed, from 1
   */
  public Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt was " + attempt + " but must be >= 1");
    }
    double raw = base.toMillis() * Math.pow(factor, attempt - 1.0);
    double capped = Math.min(raw, cap.toMillis());
    double r = Math.max(0.0, Math.min(1.0, jitter.getAsDouble()));
    return Duration.ofMillis(Math.round(capped / 2 + capped / 2 * r));
  }

  @Override
  public String toString() {
    return "Backoff[base=" + base + ", factor=" + factor + ", cap=" + cap + "]";
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " was " + d + " but must be positive");
    }
    return d;
  }
}
