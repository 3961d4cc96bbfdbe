package io.athena.postgres.internal.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings the job store's tables up to date. All of it runs in one transaction that first takes a
 * transaction-scoped advisory lock for the schema: several processes starting at once queue on the
 * lock, the first applies the migrations, the others find them recorded and do nothing. A failed
 * migration rolls back completely (PostgreSQL DDL is transactional).
 */
public final class SchemaMigrator {
  /** The component name in {@code athena_schema_migrations}; other Athena stores use their own. */
  static final String COMPONENT = "jobs";

  /** First key of the advisory lock: "ATHM" (Athena migrations) as an int. */
  private static final int LOCK_CLASS = 0x4154484D;

  private static final String RESOURCE_DIR = "/io/athena/postgres/jobs/migrations/";

  /** Every migration in order; a new one is appended, never edited once released. */
  static final List<Migration> MIGRATIONS = List.of(new Migration(1, "jobs", "V1__jobs.sql"));

  /**
   * One versioned script.
   *
   * @param resource the file name under {@code io/athena/postgres/jobs/migrations/}
   */
  record Migration(int version, String description, String resource) {}

  private final JobSql sql;
  private final StatementRunner runner;
  private final InstantSource clock;

  public SchemaMigrator(JobSql sql, StatementRunner runner, InstantSource clock) {
    this.sql = sql;
    this.runner = runner;
    this.clock = clock;
  }

  /**
   * Applies the migrations this schema lacks.
   *
   * @return the versions applied by this call (empty when another process got there first)
   */
  public List<Integer> migrate() {
    return runner.withConnection(
        () -> "migrate the job tables in schema '" + sql.schema() + "'",
        c -> {
          boolean autoCommit = c.getAutoCommit();
          c.setAutoCommit(false);
          try {
            List<Integer> applied = migrateLocked(c);
            c.commit();
            return applied;
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(autoCommit);
          }
        });
  }

  private List<Integer> migrateLocked(Connection c) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement(sql.migrationLock())) {
      lock.setInt(1, LOCK_CLASS);
      lock.setInt(2, sql.schema().hashCode());
      lock.execute();
    }
    createSchemaIfMissing(c);
    try (Statement s = c.createStatement()) {
      s.execute(sql.createMigrationsTable());
    }
    Set<Integer> done = appliedVersions(c);
    List<Integer> applied = new ArrayList<>();
    for (Migration migration : MIGRATIONS) {
      if (!done.contains(migration.version())) {
        apply(c, migration);
        applied.add(migration.version());
      }
    }
    return applied;
  }

  // CREATE SCHEMA IF NOT EXISTS would need the CREATE privilege on the database even when the
  // schema exists, which hosts often do not grant to the application role.
  private void createSchemaIfMissing(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.schemaExists())) {
      ps.setString(1, sql.schema());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute(sql.createSchema());
    }
  }

  private Set<Integer> appliedVersions(Connection c) throws SQLException {
    Set<Integer> versions = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(sql.appliedMigrations())) {
      ps.setString(1, COMPONENT);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          versions.add(rs.getInt(1));
        }
      }
    }
    return versions;
  }

  private void apply(Connection c, Migration migration) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String statement : statements(migration)) {
        s.execute(statement);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(sql.recordMigration())) {
      StatementRunner.bind(
          c, ps, COMPONENT, migration.version(), migration.description(), clock.instant());
      ps.executeUpdate();
    }
  }

  /** The script's statements: separated by lines holding only {@code ;}, schema substituted. */
  List<String> statements(Migration migration) {
    String script = read(RESOURCE_DIR + migration.resource());
    String substituted = script.replace("${schema}", sql.quotedSchema());
    List<String> statements = new ArrayList<>();
    for (String part : substituted.split("(?m)^;\\s*$")) {
      if (!part.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("--"))) {
        statements.add(part.strip());
      }
    }
    return statements;
  }

  private static String read(String resource) {
    try (InputStream in = SchemaMigrator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "migration script " + resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read migration script " + resource, e);
    }
  }
}
