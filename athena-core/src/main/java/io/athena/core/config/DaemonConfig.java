package io.athena.core.config;

import io.athena.core.daemon.AthenaDaemon;
import io.athena.core.daemon.DaemonRole;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The job daemon of this process.
 *
 * @param enabled whether a separate daemon process owns the jobs; while false, the api role runs
 *     the inline families ({@code deferred}, {@code backup}) itself
 * @param role what this process is for
 * @param id the daemon id, or null for {@code <host>-<pid>-<random>}
 * @param lease how long a claim holds a job without a heartbeat
 * @param heartbeatInterval how often leases are renewed; {@link Duration#ZERO} is a third of the
 *     lease
 * @param pollInterval how often to look for due jobs when no wake-up came
 * @param drainTimeout how long closing waits for running attempts
 * @param claimBatchSize most jobs one claim takes
 * @param concurrency attempts that run at once, per family; others get {@link
 *     AthenaDaemon#DEFAULT_CONCURRENCY}
 */
public record DaemonConfig(
    boolean enabled,
    DaemonRole role,
    String id,
    Duration lease,
    Duration heartbeatInterval,
    Duration pollInterval,
    Duration drainTimeout,
    int claimBatchSize,
    Map<String, Integer> concurrency) {
  public static final boolean DEFAULT_ENABLED = false;
  public static final DaemonRole DEFAULT_ROLE = DaemonRole.ALL;

  public DaemonConfig {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    if (!heartbeatInterval.isZero() && heartbeatInterval.compareTo(lease) >= 0) {
      throw new IllegalArgumentException(
          "heartbeatInterval was " + heartbeatInterval + " but must be shorter than the lease");
    }
    concurrency = Collections.unmodifiableMap(new LinkedHashMap<>(concurrency));
  }

  public static DaemonConfig defaults() {
    return new DaemonConfig(
        DEFAULT_ENABLED,
        DEFAULT_ROLE,
        null,
        AthenaDaemon.DEFAULT_LEASE,
        Duration.ZERO,
        AthenaDaemon.DEFAULT_POLL_INTERVAL,
        AthenaDaemon.DEFAULT_DRAIN_TIMEOUT,
        AthenaDaemon.DEFAULT_CLAIM_BATCH_SIZE,
        Map.of());
  }

  /** The configured daemon id, if any. */
  public Optional<String> daemonId() {
    return Optional.ofNullable(id);
  }

  /** This config with another role, as a process started with {@code --role} wants. */
  public DaemonConfig withRole(DaemonRole newRole) {
    return new DaemonConfig(
        enabled,
        newRole,
        id,
        lease,
        heartbeatInterval,
        pollInterval,
        drainTimeout,
        claimBatchSize,
        concurrency);
  }

  /** This config with {@code daemon.enabled} switched. */
  public DaemonConfig withEnabled(boolean newEnabled) {
    return new DaemonConfig(
        newEnabled,
        role,
        id,
        lease,
        heartbeatInterval,
        pollInterval,
        drainTimeout,
        claimBatchSize,
        concurrency);
  }
}
