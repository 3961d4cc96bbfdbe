package io.athena.postgres.internal.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Brings one component's tables (the job store's, the control plane's, ...) up to date in one
 * schema. Versions are recorded per component in {@code athena_schema_migrations}, so components
 * sharing a schema keep their own history.
 *
 * <p>All of it runs in one transaction that first takes a transaction-scoped advisory lock keyed on
 * the schema (not the component: creating the shared migrations table must not race either).
 * Several processes starting at once queue on the lock, the first applies the migrations, the
 * others find them recorded and do nothing. A failed migration rolls back completely (PostgreSQL
 * DDL is transactional).
 *
 * <p>Scripts are UTF-8 resources; {@code ${schema}} is replaced by the quoted schema, and
 * statements are separated by lines holding only {@code ;}.
 */
public final class SchemaMigrator {
  /** The table that records applied versions, per component. */
  public static final String MIGRATIONS_TABLE = "athena_schema_migrations";

  /** First key of the advisory lock: "ATHM" (Athena migrations) as an int. */
  private static final int LOCK_CLASS = 0x4154484D;

  private final String component;
  private final SchemaName schema;
  private final String resourceDirectory;
  private final List<Migration> migrations;
  private final InstantSource clock;

  /**
   * @param component the name versions are recorded under, such as {@code jobs}
   * @param resourceDirectory the classpath directory of the scripts, such as {@code
   *     /io/athena/postgres/jobs/migrations/}
   * @param migrations every migration in order; versions unique and increasing
   */
  public SchemaMigrator(
      String component,
      SchemaName schema,
      String resourceDirectory,
      List<Migration> migrations,
      InstantSource clock) {
    this.component = Objects.requireNonNull(component, "component");
    this.schema = Objects.requireNonNull(schema, "schema");
    this.resourceDirectory = Objects.requireNonNull(resourceDirectory, "resourceDirectory");
    this.migrations = List.copyOf(migrations);
    this.clock = Objects.requireNonNull(clock, "clock");
    requireIncreasing(this.migrations);
  }

  public String component() {
    return component;
  }

  public SchemaName schema() {
    return schema;
  }

  /**
   * Applies the migrations this schema lacks, in one transaction on {@code c}; the connection's
   * auto-commit mode is restored afterwards.
   *
   * @return the versions applied by this call (empty when another process got there first)
   */
  public List<Integer> migrate(Connection c) throws SQLException {
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
  }

  private List<Integer> migrateLocked(Connection c) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      lock.setInt(1, LOCK_CLASS);
      lock.setInt(2, schema.name().hashCode());
      lock.execute();
    }
    createSchemaIfMissing(c);
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + schema.table(MIGRATIONS_TABLE)
              + " (component text NOT NULL, version integer NOT NULL, description text NOT NULL,"
              + " installed_at timestamptz NOT NULL, PRIMARY KEY (component, version))");
    }
    Set<Integer> done = appliedVersions(c);
    List<Integer> applied = new ArrayList<>();
    for (Migration migration : migrations) {
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
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      ps.setString(1, schema.name());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema.quoted());
    }
  }

  private Set<Integer> appliedVersions(Connection c) throws SQLException {
    Set<Integer> versions = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT version FROM " + schema.table(MIGRATIONS_TABLE) + " WHERE component = ?")) {
      ps.setString(1, component);
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
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + schema.table(MIGRATIONS_TABLE)
                + " (component, version, description, installed_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, component);
      ps.setInt(2, migration.version());
      ps.setString(3, migration.description());
      ps.setObject(4, OffsetDateTime.ofInstant(now(), ZoneOffset.UTC));
      ps.executeUpdate();
    }
  }

  private Instant now() {
    return clock.instant();
  }

  /** The script's statements: separated by lines holding only {@code ;}, schema substituted. */
  public List<String> statements(Migration migration) {
    String script = read(resourceDirectory + migration.resource());
    String substituted = script.replace("${schema}", schema.quoted());
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

  private static void requireIncreasing(List<Migration> migrations) {
    for (int i = 1; i < migrations.size(); i++) {
      if (migrations.get(i).version() <= migrations.get(i - 1).version()) {
        throw new IllegalArgumentException(
            "migration versions must increase, but "
                + migrations.get(i).version()
                + " follows "
                + migrations.get(i - 1).version());
      }
    }
  }
}
