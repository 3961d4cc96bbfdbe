package io.athena.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff full = Backoff.defaults().withJitter(() -> 1.0);

  @Test
  @DisplayName("delays double from 1 s per attempt")
  void doubles() {
    assertThat(full.delay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(full.delay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(full.delay(5)).isEqualTo(Duration.ofSeconds(16));
  }

  @Test
  @DisplayName("delays stop growing at the 5 minute cap, even for huge attempt numbers")
  void capped() {
    assertThat(full.delay(9)).isEqualTo(Duration.ofSeconds(256));
    assertThat(full.delay(10)).as("512 s, capped").isEqualTo(Duration.ofMinutes(5));
    assertThat(full.delay(10_000)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  @DisplayName("jitter removes up to half of the delay, never more")
  void jitter() {
    assertThat(Backoff.defaults().withJitter(() -> 0.0).delay(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(Backoff.defaults().withJitter(() -> 0.5).delay(3)).isEqualTo(Duration.ofSeconds(3));
    assertThat(Backoff.defaults().withJitter(() -> 7.0).delay(3))
        .as("jitter out of range is clamped")
        .isEqualTo(Duration.ofSeconds(4));
    for (int i = 0; i < 100; i++) {
      assertThat(Backoff.defaults().delay(4))
          .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }
  }

  @Test
  @DisplayName("bad settings are refused")
  void validation() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, 2, Duration.ofSeconds(1), () -> 1))
        .hasMessage("base was PT0S but must be positive");
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), () -> 1))
        .hasMessage("factor was 0.5 but must be >= 1");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), () -> 1))
        .hasMessage("cap was PT1S but must be >= base PT2S");
    assertThatThrownBy(() -> full.delay(0)).hasMessage("attempt was 0 but must be >= 1");
  }
}
