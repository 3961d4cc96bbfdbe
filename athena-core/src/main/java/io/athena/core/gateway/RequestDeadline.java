package io.athena.core.gateway;

import io.athena.spi.ErrorCode;
import io.athena.spi.ExecutionOptions;
import io.athena.spi.GatewayException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * When a gateway request must be done by ({@code security.request_timeout}), taken as it starts, so
 * that time spent waiting for a key check, a body or a pool counts against the same budget as the
 * statements.
 *
 * @param at the deadline, or {@code null} when requests have no total time limit
 */
record RequestDeadline(Instant at, InstantSource clock) {
  /** Seconds a caller is asked to wait after running out of time. */
  static final int RETRY_AFTER_SECONDS = 1;

  /** A deadline {@code total} from now; {@code ZERO} is none. */
  static RequestDeadline start(Duration total, InstantSource clock) {
    return new RequestDeadline(total.isZero() ? null : clock.instant().plus(total), clock);
  }

  /**
   * The options to run the statements with: what is left of the request's time.
   *
   * @throws GatewayException 503 {@code statement_timeout} when no time is left
   */
  ExecutionOptions options() {
    if (at == null) {
      return ExecutionOptions.none();
    }
    Duration left = Duration.between(clock.instant(), at);
    // below a millisecond nothing can run, and PostgreSQL reads a 0 statement_timeout as "none"
    if (left.toMillis() < 1) {
      throw new GatewayException(
          ErrorCode.STATEMENT_TIMEOUT,
          "The request used up its time (security.request_timeout) before its statements ran",
          null,
          RETRY_AFTER_SECONDS,
          Map.of());
    }
    return ExecutionOptions.withTimeout(Duration.ofMillis(left.toMillis()));
  }
}
