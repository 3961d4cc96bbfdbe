package io.athena.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Tiny JDBC shortcuts for setup and progress checks. */
final class Sql {
  private Sql() {}

  static void execute(DataSource ds, String... statements) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String text(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Polls {@code sql} (a count) every millisecond until it answers {@code expected}. */
  static void awaitCount(DataSource ds, String sql, long expected, long timeoutNanos)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (count(ds, sql) != expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + sql + " = " + expected);
      }
      Thread.sleep(1);
    }
  }
}
