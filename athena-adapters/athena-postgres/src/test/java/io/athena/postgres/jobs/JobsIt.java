package io.athena.postgres.jobs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.athena.spi.jobs.JobRequest;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Shared plumbing of the job store's integration tests: databases, pools, raw SQL. */
final class JobsIt {
  private JobsIt() {}

  static EmbeddedPostgresFixture server() {
    return EmbeddedPostgresFixture.shared();
  }

  /** Drops and creates {@code name} on the shared server; answers its URI. */
  static String freshDatabase(String name) {
    server().dropDatabase(name);
    return server().createDatabase(name);
  }

  /**
   * A HikariCP pool on {@code database}: one pool stands for one process of a multi-process
   * deployment.
   */
  static HikariDataSource pool(String database, String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server().jdbcUrl(database));
    config.setPoolName(name);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }

  static void execute(DataSource ds, String sql) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + sql, e);
    }
  }

  /** The first column of every row of {@code sql}, as text. */
  static List<String> column(DataSource ds, String sql) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + sql, e);
    }
  }

  static long count(DataSource ds, String sql) {
    return Long.parseLong(column(ds, sql).get(0));
  }

  /** {@code n} no-op jobs of {@code family}. */
  static List<JobRequest> requests(String family, int n) {
    List<JobRequest> requests = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      requests.add(JobRequest.of(family, "{\"n\":" + i + "}"));
    }
    return requests;
  }
}
