package io.athena.postgres.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Runs the count of a fetch: {@code count(*)}, the planner's estimate, or table statistics. */
final class RowCounter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * @param total the count, or {@code null} when none was asked for
   * @param statements how many statements counting took
   */
  record Count(Long total, int statements) {
    static final Count NONE = new Count(null, 0);
  }

  private RowCounter() {}

  static Count count(Connection c, CountQuery query) throws SQLException {
    if (query == null) {
      return Count.NONE;
    }
    if (query.readsStatistics()) {
      Long estimate = statistics(c, query.statement());
      return estimate != null
          ? new Count(estimate, 1)
          : new Count(plannedRows(c, query.explainFallback()), 2);
    }
    return switch (query.mode()) {
      case EXACT -> new Count(single(c, query.statement()), 1);
      case PLANNED, ESTIMATED -> new Count(plannedRows(c, query.statement()), 1);
    };
  }

  private static long single(Connection c, SqlStatement statement) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(statement.sql())) {
      ParamBinder.bind(ps, statement.params());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  // null when the statistics hold no estimate: never analyzed (-1) or not a table.
  private static Long statistics(Connection c, SqlStatement statement) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(statement.sql())) {
      ParamBinder.bind(ps, statement.params());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        double reltuples = rs.getDouble(1);
        String relkind = rs.getString(2);
        boolean hasStatistics = "rmp".contains(relkind) && reltuples >= 0;
        return hasStatistics ? Math.round(reltuples) : null;
      }
    }
  }

  private static long plannedRows(Connection c, SqlStatement explain) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(explain.sql())) {
      ParamBinder.bind(ps, explain.params());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return planRows(rs.getString(1));
      }
    }
  }

  /** The top plan node's "Plan Rows" from {@code EXPLAIN (FORMAT JSON)} output. */
  static long planRows(String explainJson) {
    try {
      JsonNode rows = MAPPER.readTree(explainJson).path(0).path("Plan").path("Plan Rows");
      if (!rows.isNumber()) {
        throw new IllegalStateException("EXPLAIN output has no top-level Plan Rows");
      }
      return rows.asLong();
    } catch (IOException e) {
      throw new IllegalStateException("EXPLAIN output is not JSON", e);
    }
  }
}
