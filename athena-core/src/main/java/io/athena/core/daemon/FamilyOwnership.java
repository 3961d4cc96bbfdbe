package io.athena.core.daemon;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which job families a process runs, from its role and {@code daemon.enabled} (architecture §4):
 *
 * <table>
 *   <caption>families run per role</caption>
 *   <tr><th>role</th><th>daemon.enabled</th><th>runs</th></tr>
 *   <tr><td>api</td><td>false</td><td>the inline families ({@code deferred}, {@code backup}) and
 *       host families registered as inline</td></tr>
 *   <tr><td>api</td><td>true</td><td>nothing: a separate daemon owns every family</td></tr>
 *   <tr><td>daemon</td><td>any</td><td>every registered family, clone included</td></tr>
 *   <tr><td>clone-worker</td><td>any</td><td>only {@code clone}</td></tr>
 *   <tr><td>all</td><td>any</td><td>every registered family</td></tr>
 * </table>
 *
 * <p>Only families with a handler ever run. Clone jobs never run in the api role: a dump or restore
 * must not compete with HTTP traffic for the API process's threads and connections.
 */
public final class FamilyOwnership {
  public static final String DEFERRED = "deferred";
  public static final String BACKUP = "backup";
  public static final String RESTORE = "restore";
  public static final String CLONE = "clone";

  /** Families the api role runs itself while no separate daemon is enabled. */
  public static final Set<String> INLINE_FAMILIES = Set.of(DEFERRED, BACKUP);

  private FamilyOwnership() {}

  /**
   * The families a process runs.
   *
   * @param registered families that have a handler in this process
   * @param hostInline host families that may run inline in the api role
   * @throws IllegalArgumentException when {@code hostInline} names {@code clone}
   */
  public static Set<String> families(
      DaemonRole role, boolean daemonEnabled, Set<String> registered, Set<String> hostInline) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(registered, "registered");
    Objects.requireNonNull(hostInline, "hostInline");
    if (hostInline.contains(CLONE)) {
      throw new IllegalArgumentException(
          "inline families were " + hostInline + " but clone jobs never run in the api role");
    }
    Set<String> runs = new TreeSet<>(registered);
    switch (role) {
      case API -> {
        if (daemonEnabled) {
          runs.clear();
        } else {
          runs.removeIf(f -> !INLINE_FAMILIES.contains(f) && !hostInline.contains(f));
        }
      }
      case CLONE_WORKER -> runs.retainAll(Set.of(CLONE));
      case DAEMON, ALL -> {
        // every registered family
      }
    }
    return Set.copyOf(runs);
  }
}
