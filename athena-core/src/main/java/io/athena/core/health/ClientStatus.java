package io.athena.core.health;

import java.util.Locale;

/** A client's status as {@code /health/cluster} shows it. */
public enum ClientStatus {
  /** The latest probe answered. */
  ONLINE,
  /** The latest probe failed or did not finish within the probe timeout. */
  OFFLINE,
  /** Frozen by an operator: its requests answer 403 whatever its database does. */
  FROZEN,
  /** Not probed yet, or its backend cannot tell. Counts as not online. */
  UNKNOWN;

  /** {@code online}, {@code offline}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
