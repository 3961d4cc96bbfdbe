package io.athena.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one operation is to be run, beyond what it asks for.
 *
 * @param timeout the most time the operation's statements may take, what is left of the request's
 *     total time; a backend runs its statements with the smaller of this and its own statement
 *     timeout. Empty: only the backend's own timeout applies.
 */
public record ExecutionOptions(Optional<Duration> timeout) {
  private static final ExecutionOptions NONE = new ExecutionOptions(Optional.empty());

  public ExecutionOptions {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
      throw new IllegalArgumentException(
          "timeout was '" + timeout.get() + "' but must be positive");
    }
  }

  /** No options: the backend's own settings apply. */
  public static ExecutionOptions none() {
    return NONE;
  }

  /** Statements may take at most {@code timeout}. */
  public static ExecutionOptions withTimeout(Duration timeout) {
    return new ExecutionOptions(Optional.of(timeout));
  }
}
