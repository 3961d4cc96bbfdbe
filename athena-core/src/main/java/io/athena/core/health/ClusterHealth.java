package io.athena.core.health;

import java.util.List;
import java.util.Objects;

/**
 * What {@code /health/cluster} answers: the overall status, every routable client, every mirror.
 *
 * @param status from the clients only ({@link ClusterStatus#of}); mirrors are other nodes and are
 *     listed, not counted
 */
public record ClusterHealth(
    ClusterStatus status, List<ClientHealth> clients, List<MirrorHealth> mirrors) {
  public ClusterHealth {
    Objects.requireNonNull(status, "status");
    clients = List.copyOf(clients);
    mirrors = List.copyOf(mirrors);
  }

  /** The cluster of these clients and mirrors, its status computed from the clients. */
  public static ClusterHealth of(List<ClientHealth> clients, List<MirrorHealth> mirrors) {
    return new ClusterHealth(ClusterStatus.of(clients), clients, mirrors);
  }
}
