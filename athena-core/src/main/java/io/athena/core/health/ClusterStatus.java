package io.athena.core.health;

import java.util.List;
import java.util.Locale;

/** The overall status of {@code /health/cluster}. */
public enum ClusterStatus {
  /** Every client is online (or there are none). */
  OK,
  /** Some clients are online, some are not. */
  DEGRADED,
  /** No client is online. */
  DOWN;

  /**
   * The status of a set of clients. Frozen clients are left out: freezing is an operator's
   * decision, not a failure; with every client frozen (or none at all) the cluster is ok. Unknown
   * clients count as not online.
   */
  public static ClusterStatus of(List<ClientHealth> clients) {
    List<ClientHealth> counted =
        clients.stream().filter(c -> c.status() != ClientStatus.FROZEN).toList();
    long online = counted.stream().filter(c -> c.status() == ClientStatus.ONLINE).count();
    if (online == counted.size()) {
      return OK;
    }
    return online == 0 ? DOWN : DEGRADED;
  }

  /** {@code ok}, {@code degraded}, {@code down}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
