package io.athena.spi.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one health probe of one client.
 *
 * @param status whether the client's database answered
 * @param latency how long the trivial query took, borrowing its connection included; empty when
 *     nothing was measured (offline, unknown, or a saturated pool)
 * @param error why the client is not plainly online, in words safe to show operators: never a
 *     password, URI or SQL text; empty when it is
 */
public record ClientProbe(ProbeStatus status, Optional<Duration> latency, Optional<String> error) {
  public ClientProbe {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(error, "error");
    if (latency.isPresent() && latency.get().isNegative()) {
      throw new IllegalArgumentException("latency was '" + latency.get() + "' but is negative");
    }
  }

  /** The database answered after {@code latency}. */
  public static ClientProbe online(Duration latency) {
    return new ClientProbe(ProbeStatus.ONLINE, Optional.of(latency), Optional.empty());
  }

  /** The database did not answer; {@code error} says why, safe for operators. */
  public static ClientProbe offline(String error) {
    return new ClientProbe(ProbeStatus.OFFLINE, Optional.empty(), Optional.of(error));
  }

  /** The backend cannot tell; {@code reason} says why. */
  public static ClientProbe unknown(String reason) {
    return new ClientProbe(ProbeStatus.UNKNOWN, Optional.empty(), Optional.of(reason));
  }
}
