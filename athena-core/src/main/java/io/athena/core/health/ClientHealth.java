package io.athena.core.health;

import io.athena.spi.health.ClientProbe;
import io.athena.spi.health.PoolSnapshot;
import io.athena.spi.health.ProbeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One client as {@code /health/cluster} shows it.
 *
 * @param client the client name
 * @param status what the latest probe found, or {@link ClientStatus#FROZEN}
 * @param latency the latest probe's round trip, when it answered
 * @param pool the pool's counters taken right after the latest probe
 * @param error why the client is not plainly online; safe for operators
 * @param checkedAt when the latest probe finished; empty before the first one
 */
public record ClientHealth(
    String client,
    ClientStatus status,
    Optional<Duration> latency,
    Optional<PoolSnapshot> pool,
    Optional<String> error,
    Optional<Instant> checkedAt) {
  public ClientHealth {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(checkedAt, "checkedAt");
  }

  /** A client whose first probe has not finished yet. */
  public static ClientHealth notYetProbed(String client) {
    return new ClientHealth(
        client,
        ClientStatus.UNKNOWN,
        Optional.empty(),
        Optional.empty(),
        Optional.of("not probed yet"),
        Optional.empty());
  }

  /** The health a finished probe reports. */
  public static ClientHealth probed(
      String client, ClientProbe probe, Optional<PoolSnapshot> pool, Instant checkedAt) {
    return new ClientHealth(
        client,
        status(probe.status()),
        probe.latency(),
        pool,
        probe.error(),
        Optional.of(checkedAt));
  }

  /** Whether the latest probe answered. */
  public boolean online() {
    return status == ClientStatus.ONLINE;
  }

  /** This result shown for a frozen client: the probe's findings stay, the status says frozen. */
  public ClientHealth frozen() {
    return new ClientHealth(client, ClientStatus.FROZEN, latency, pool, error, checkedAt);
  }

  private static ClientStatus status(ProbeStatus status) {
    return switch (status) {
      case ONLINE -> ClientStatus.ONLINE;
      case OFFLINE -> ClientStatus.OFFLINE;
      case UNKNOWN -> ClientStatus.UNKNOWN;
    };
  }
}
