package io.athena.postgres.internal.jobs;

import io.athena.postgres.internal.migrations.Migration;
import io.athena.postgres.internal.migrations.SchemaMigrator;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job store and the daemon registry of one database share: the data source, the SQL of the
 * schema, the clock, and the once-per-instance migration. The migration runs at {@link #start()}
 * or, failing that, on first use.
 */
public final class JobStoreRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobStoreRuntime.class);

  /** The component name of the job store in {@code athena_schema_migrations}. */
  public static final String COMPONENT = "jobs";

  static final String RESOURCE_DIRECTORY = "/io/athena/postgres/jobs/migrations/";

  /** Every migration in order; a new one is appended, never edited once released. */
  public static final List<Migration> MIGRATIONS =
      List.of(new Migration(1, "jobs", "V1__jobs.sql"));

  private final JobSql sql;
  private final InstantSource clock;
  private final StatementRunner runner;
  private final AutoCloseable ownedPool;
  private volatile boolean started;
  private boolean closed;

  /**
   * @param ownedPool the pool to close with this runtime when the store built it, else null
   */
  public JobStoreRuntime(
      DataSource dataSource, String schema, InstantSource clock, AutoCloseable ownedPool) {
    this.sql = new JobSql(schema);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.runner = new StatementRunner(dataSource);
    this.ownedPool = ownedPool;
  }

  /** Migrates the schema unless done already. Idempotent. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("The postgres job store is closed");
    }
    if (started) {
      return;
    }
    SchemaMigrator migrator =
        new SchemaMigrator(COMPONENT, sql.schemaName(), RESOURCE_DIRECTORY, MIGRATIONS, clock);
    List<Integer> applied =
        runner.withConnection(
            () -> "migrate the job tables in schema '" + sql.schema() + "'", migrator::migrate);
    LOG.info(
        "postgres job store ready in schema '{}' (migrations applied now: {})",
        sql.schema(),
        applied.isEmpty() ? "none" : applied);
    started = true;
  }

  /** The statement runner, after making sure the schema is migrated. */
  public StatementRunner runner() {
    if (!started) {
      start();
    }
    return runner;
  }

  public JobSql sql() {
    return sql;
  }

  /** The clock's time, truncated to PostgreSQL's microseconds. */
  public Instant now() {
    return JobRows.micros(clock.instant());
  }

  /** Closes the pool the store built itself, if any; a host's data source stays open. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    started = false;
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        LOG.warn("closing the job store's connection pool failed", e);
      }
    }
  }
}
