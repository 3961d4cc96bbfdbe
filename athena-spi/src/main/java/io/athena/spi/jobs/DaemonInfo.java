package io.athena.spi.jobs;

import java.time.Instant;
import java.util.Set;

/**
 * A daemon as registered.
 *
 * @param role {@code api}, {@code daemon}, {@code clone-worker} or {@code all}
 * @param status {@code running}, {@code draining} or {@code stopped}
 */
public record DaemonInfo(
    String daemonId,
    String role,
    Set<String> families,
    String host,
    Instant startedAt,
    Instant lastHeartbeatAt,
    String status) {
  public DaemonInfo {
    families = Set.copyOf(families);
  }
}
