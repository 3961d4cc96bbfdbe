package io.athena.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RequestDeadlineTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
  private final InstantSource clock = now::get;

  @Test
  void theBackendGetsWhatIsLeftOfTheRequestsTime() {
    RequestDeadline deadline = RequestDeadline.start(Duration.ofSeconds(30), clock);
    now.set(now.get().plusSeconds(10));

    assertThat(deadline.options().timeout()).contains(Duration.ofSeconds(20));
  }

  @Test
  void aRequestOutOfTimeIsRefusedBeforeItsStatementsRun() {
    RequestDeadline deadline = RequestDeadline.start(Duration.ofMillis(300), clock);
    now.set(now.get().plusMillis(300));

    assertThatThrownBy(deadline::options)
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
              assertThat(e.errorCode().httpStatus()).isEqualTo(503);
            });
  }

  @Test
  void zeroMeansNoLimit() {
    RequestDeadline deadline = RequestDeadline.start(Duration.ZERO, clock);
    now.set(now.get().plusSeconds(3600));

    assertThat(deadline.options().timeout()).isEmpty();
  }
}
