package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.ExecutionOptions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatementTimeoutsTest {
  private static final Optional<Duration> SESSION = Optional.of(Duration.ofSeconds(30));

  @Test
  void aRequestWithNearlyAllItsTimeLeftCostsNoSet() {
    ExecutionOptions almostAll = ExecutionOptions.withTimeout(Duration.ofMillis(29_990));
    assertThat(StatementTimeouts.worthApplying(almostAll, SESSION).timeout()).isEmpty();
  }

  @Test
  void aRequestThatIsRunningOutOfTimeTightensTheStatement() {
    ExecutionOptions shortLeft = ExecutionOptions.withTimeout(Duration.ofMillis(300));
    assertThat(StatementTimeouts.worthApplying(shortLeft, SESSION).timeout())
        .contains(Duration.ofMillis(300));
  }

  @Test
  void anUnknownOrUnboundedSessionAlwaysGetsTheRequestTimeout() {
    ExecutionOptions options = ExecutionOptions.withTimeout(Duration.ofSeconds(29));
    assertThat(StatementTimeouts.worthApplying(options, Optional.empty()).timeout()).isPresent();
    assertThat(StatementTimeouts.worthApplying(options, Optional.of(Duration.ZERO)).timeout())
        .isPresent();
  }

  @Test
  void noTimeoutStaysNone() {
    assertThat(StatementTimeouts.worthApplying(ExecutionOptions.none(), SESSION).timeout())
        .isEmpty();
  }
}
