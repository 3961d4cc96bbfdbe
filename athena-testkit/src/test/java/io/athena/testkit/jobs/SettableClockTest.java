package io.athena.testkit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SettableClockTest {
  @Test
  void standsStillUntilMoved() {
    SettableClock clock = new SettableClock();
    assertThat(clock.instant()).isEqualTo(SettableClock.DEFAULT_START);
    assertThat(clock.advance(Duration.ofSeconds(5)))
        .isEqualTo(SettableClock.DEFAULT_START.plusSeconds(5));
    clock.set(Instant.EPOCH);
    assertThat(clock.millis()).isZero();
  }

  @Test
  void refusesToAdvanceBackwards() {
    SettableClock clock = new SettableClock();
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
  }
}
