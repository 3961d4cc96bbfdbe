package io.athena.postgres.internal.jobs;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Runs one statement per call on a pooled connection in autocommit mode, binds its parameters and
 * translates failures. Each store operation is a single statement, so autocommit makes it one round
 * trip and one transaction.
 */
public final class StatementRunner {

  /** Reads one row; called once per row, positioned on it. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** Work that needs the connection itself, such as the migrator's transaction. */
  @FunctionalInterface
  public interface ConnectionWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * An array parameter, created on the statement's own connection.
   *
   * @param type the element type, such as {@code text} or {@code uuid}
   */
  public record ArrayParam(String type, Object[] values) {}

  private final DataSource dataSource;

  public StatementRunner(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Runs a query and reads every row. */
  public <T> List<T> query(
      Supplier<String> action, String sql, RowReader<T> reader, Object... params) {
    return withConnection(
        action,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
              List<T> rows = new ArrayList<>();
              while (rs.next()) {
                rows.add(reader.read(rs));
              }
              return rows;
            }
          }
        });
  }

  /** Runs a statement without a result set; answers the affected row count. */
  public int update(Supplier<String> action, String sql, Object... params) {
    return withConnection(
        action,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            return ps.executeUpdate();
          }
        });
  }

  /** Runs {@code work} on a pooled connection, translating any {@link SQLException}. */
  public <T> T withConnection(Supplier<String> action, ConnectionWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw SqlFailures.translate(action.get(), e);
    }
  }

  static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object value = params[i];
      if (value instanceof Instant instant) {
        ps.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      } else if (value instanceof ArrayParam array) {
        Array sqlArray = c.createArrayOf(array.type(), array.values());
        ps.setArray(i + 1, sqlArray);
      } else {
        ps.setObject(i + 1, value);
      }
    }
  }

  /** The instant in column {@code index}, or null. */
  static Instant instant(ResultSet rs, int index) throws SQLException {
    OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
