package io.athena.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Ends the explicit transactions the runners open, so the pool gets back a clean connection. */
final class Transactions {
  private Transactions() {}

  /** Commits when {@code success}, else rolls back; does nothing on an autocommit connection. */
  static void finish(Connection connection, boolean success) throws SQLException {
    if (connection.isClosed() || connection.getAutoCommit()) {
      return;
    }
    if (success) {
      connection.commit();
    } else {
      connection.rollback();
    }
  }

  /** Rolls back after a failure, swallowing errors: the first failure is the one to report. */
  static void abandon(Connection connection) {
    try {
      finish(connection, false);
    } catch (SQLException e) {
      // the connection is likely broken; the pool will evict it
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        // same
      }
    }
  }
}
