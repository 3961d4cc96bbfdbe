package io.athena.core.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand. Core cannot use the testkit's {@code SettableClock} (the testkit
 * depends on core), so this is its small twin.
 */
public final class TestClock implements InstantSource {
  public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(START);

  @Override
  public Instant instant() {
    return now.get();
  }

  public Instant advance(Duration amount) {
    return now.updateAndGet(t -> t.plus(amount));
  }
}
