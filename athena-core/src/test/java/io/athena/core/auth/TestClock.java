package io.athena.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand (core cannot use the testkit's SettableClock). */
final class TestClock implements InstantSource {
  private volatile Instant now = Instant.parse("2030-01-01T00:00:00Z");

  @Override
  public Instant instant() {
    return now;
  }

  void advance(Duration amount) {
    now = now.plus(amount);
  }
}
