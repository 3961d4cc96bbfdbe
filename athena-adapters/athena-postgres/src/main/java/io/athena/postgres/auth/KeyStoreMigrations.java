package io.athena.postgres.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Brings the key store's tables to the current version in one transaction, under a transaction
 * advisory lock so that nodes starting together do not race. Kept apart from other migration
 * tables: the key store can be used, and upgraded, on its own.
 */
final class KeyStoreMigrations {
  private KeyStoreMigrations() {}

  /** Applies the missing migrations; returns how many were applied. */
  static int migrate(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      lock(c);
      try (Statement s = c.createStatement()) {
        s.execute(KeyStoreSql.MIGRATIONS_TABLE);
      }
      int current = currentVersion(c);
      int applied = 0;
      for (int v = current + 1; v <= KeyStoreSql.MIGRATIONS.size(); v++) {
        apply(c, v);
        applied++;
      }
      c.commit();
      return applied;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static void lock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(KeyStoreSql.LOCK)) {
      ps.setLong(1, KeyStoreSql.MIGRATION_LOCK);
      ps.execute();
    }
  }

  private static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(KeyStoreSql.CURRENT_VERSION)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void apply(Connection c, int version) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(KeyStoreSql.MIGRATIONS.get(version - 1));
    }
    try (PreparedStatement ps = c.prepareStatement(KeyStoreSql.RECORD_VERSION)) {
      ps.setInt(1, version);
      ps.executeUpdate();
    }
  }
}
