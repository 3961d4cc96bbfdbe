package io.athena.postgres.jobs;

import io.athena.postgres.internal.jobs.DaemonStatements;
import io.athena.postgres.internal.jobs.JobStoreRuntime;
import io.athena.spi.jobs.DaemonInfo;
import io.athena.spi.jobs.DaemonRegistry;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The daemon registry in PostgreSQL ({@code athena_daemons}), so every process sees every daemon.
 * Get one from {@link PostgresJobStore#daemonRegistry()}, or build one on its own with {@link
 * #create}. A heartbeat of a daemon that never registered is ignored, since there is nothing to
 * attach it to. Heartbeat times come from the injected clock. Thread-safe.
 */
public final class PostgresDaemonRegistry implements DaemonRegistry {
  private final DaemonStatements statements;

  PostgresDaemonRegistry(JobStoreRuntime runtime) {
    this.statements = new DaemonStatements(runtime);
  }

  /**
   * A registry over a host's data source, which it never closes; the tables are created or migrated
   * on first use.
   *
   * @throws IllegalArgumentException when the schema name is not valid
   */
  public static PostgresDaemonRegistry create(
      DataSource dataSource, String schema, InstantSource clock) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new PostgresDaemonRegistry(new JobStoreRuntime(dataSource, schema, clock, null));
  }

  @Override
  public void register(DaemonInfo daemon) {
    Objects.requireNonNull(daemon, "daemon");
    statements.register(daemon);
  }

  @Override
  public void heartbeat(String daemonId, String status) {
    Objects.requireNonNull(daemonId, "daemonId");
    Objects.requireNonNull(status, "status");
    statements.heartbeat(daemonId, status);
  }

  @Override
  public List<DaemonInfo> list() {
    return statements.list();
  }
}
