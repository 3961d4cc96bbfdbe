package io.athena.core.health;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One mirror (another Athena) as {@code /health/cluster} shows it.
 *
 * @param url the mirror's base URL as configured
 * @param status {@link ClientStatus#ONLINE} when {@code GET {url}/ping} answered 200 in time,
 *     {@link ClientStatus#OFFLINE} when not, {@link ClientStatus#UNKNOWN} before the first probe
 * @param latency the round trip of the latest answer
 * @param error why it is not online
 * @param checkedAt when the latest probe finished
 */
public record MirrorHealth(
    URI url,
    ClientStatus status,
    Optional<Duration> latency,
    Optional<String> error,
    Optional<Instant> checkedAt) {
  public MirrorHealth {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(checkedAt, "checkedAt");
  }

  static MirrorHealth notYetProbed(URI url) {
    return new MirrorHealth(
        url,
        ClientStatus.UNKNOWN,
        Optional.empty(),
        Optional.of("not probed yet"),
        Optional.empty());
  }

  static MirrorHealth online(URI url, Duration latency, Instant checkedAt) {
    return new MirrorHealth(
        url, ClientStatus.ONLINE, Optional.of(latency), Optional.empty(), Optional.of(checkedAt));
  }

  static MirrorHealth offline(URI url, String error, Instant checkedAt) {
    return new MirrorHealth(
        url, ClientStatus.OFFLINE, Optional.empty(), Optional.of(error), Optional.of(checkedAt));
  }
}
