package io.athena.postgres.internal.jobs;

import io.athena.postgres.internal.jobs.StatementRunner.ArrayParam;
import io.athena.spi.jobs.DaemonInfo;
import java.time.Instant;
import java.util.List;

/** The daemon registry's statements. */
public final class DaemonStatements {
  private final JobStoreRuntime runtime;

  public DaemonStatements(JobStoreRuntime runtime) {
    this.runtime = runtime;
  }

  /** Inserts or replaces the daemon's row; a missing start or heartbeat time becomes now. */
  public void register(DaemonInfo daemon) {
    Instant now = runtime.now();
    runtime
        .runner()
        .update(
            () -> "register daemon '" + daemon.daemonId() + "'",
            runtime.sql().registerDaemon(),
            daemon.daemonId(),
            daemon.role(),
            new ArrayParam("text", daemon.families().stream().sorted().toArray(String[]::new)),
            daemon.host(),
            daemon.startedAt() == null ? now : JobRows.micros(daemon.startedAt()),
            daemon.lastHeartbeatAt() == null ? now : JobRows.micros(daemon.lastHeartbeatAt()),
            daemon.status());
  }

  public void heartbeat(String daemonId, String status) {
    runtime
        .runner()
        .update(
            () -> "record a heartbeat of daemon '" + daemonId + "'",
            runtime.sql().daemonHeartbeat(),
            runtime.now(),
            status,
            daemonId);
  }

  public List<DaemonInfo> list() {
    return runtime
        .runner()
        .query(() -> "list daemons", runtime.sql().listDaemons(), JobRows::daemon);
  }
}
