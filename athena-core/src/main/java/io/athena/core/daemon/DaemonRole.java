package io.athena.core.daemon;

import java.util.Locale;
import java.util.Optional;

/**
 * What a process is for; with {@code daemon.enabled} it decides which job families the process runs
 * (see {@link FamilyOwnership}).
 */
public enum DaemonRole {
  /** Serves HTTP; runs the inline families only while no separate daemon is enabled. */
  API("api"),
  /** Runs every registered family, clone included. */
  DAEMON("daemon"),
  /** Runs only the clone family, so long dumps and restores get a process of their own. */
  CLONE_WORKER("clone-worker"),
  /** Everything in one JVM: the development default. */
  ALL("all");

  private final String wireName;

  DaemonRole(String wireName) {
    this.wireName = wireName;
  }

  /** The name in config files, the daemon registry and admin answers. */
  public String wireName() {
    return wireName;
  }

  /** The role of a wire name, case-insensitively; {@code clone_worker} is accepted too. */
  public static Optional<DaemonRole> fromWireName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String normalized = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (DaemonRole role : values()) {
      if (role.wireName.equals(normalized)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
