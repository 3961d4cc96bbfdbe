package io.athena.postgres.controlplane;

import io.athena.postgres.internal.migrations.Migration;
import io.athena.postgres.internal.migrations.SchemaMigrator;
import io.athena.postgres.internal.migrations.SchemaName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the audit sink, the catalog and the statistics of one control plane share: the schema, its
 * statements, and the once-per-process migration, run by whichever of them first needs the tables
 * (so that a control plane that is down at start delays nothing but itself).
 */
final class ControlPlaneStore {
  private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneStore.class);

  /** The component name in {@code athena_schema_migrations}. */
  static final String COMPONENT = "control_plane";

  static final String RESOURCE_DIRECTORY = "/io/athena/postgres/controlplane/migrations/";

  /** Every migration in order; a new one is appended, never edited once released. */
  static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(1, "control plane", "V1__control_plane.sql"),
          new Migration(2, "one request log index", "V2__one_request_log_index.sql"));

  /** Binds a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Reads one row; called once per row, positioned on it. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private final SchemaMigrator migrator;
  private final ControlPlaneSql sql;
  private final DataSource dataSource;
  private volatile boolean migrated;

  /**
   * @param dataSource where the catalog and the statistics are read (the audit sink has its own)
   */
  ControlPlaneStore(SchemaName schema, DataSource dataSource, InstantSource clock) {
    this.migrator = new SchemaMigrator(COMPONENT, schema, RESOURCE_DIRECTORY, MIGRATIONS, clock);
    this.sql = new ControlPlaneSql(schema);
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  ControlPlaneSql sql() {
    return sql;
  }

  SchemaName schema() {
    return migrator.schema();
  }

  /**
   * Migrates the schema through {@code through} unless this process did already.
   *
   * @return the versions applied by this call
   */
  List<Integer> migrate(DataSource through) throws SQLException {
    if (migrated) {
      return List.of();
    }
    synchronized (this) {
      if (migrated) {
        return List.of();
      }
      List<Integer> applied;
      try (Connection c = through.getConnection()) {
        applied = migrator.migrate(c);
      }
      LOG.info(
          "control plane ready in schema '{}' (migrations applied now: {})",
          migrator.schema().name(),
          applied.isEmpty() ? "none" : applied);
      migrated = true;
      return applied;
    }
  }

  /** Runs a query on the read data source, after migrating; every row read. */
  <T> List<T> query(String statement, Binder binder, RowReader<T> reader) throws SQLException {
    migrate(dataSource);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(reader.read(rs));
        }
        return rows;
      }
    }
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
