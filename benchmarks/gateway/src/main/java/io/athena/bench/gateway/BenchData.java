package io.athena.bench.gateway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;

/** The table every gateway benchmark reads, and plain pools onto the benchmark databases. */
final class BenchData {
  /** Rows of {@code items}, ids 1 to ROWS. */
  static final int ROWS = 10_000;

  private BenchData() {}

  /** Creates and fills {@code items} and analyzes it. */
  static void seed(String jdbcUrl) throws Exception {
    try (HikariDataSource ds = pool(jdbcUrl, 2);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2),"
              + " created_at timestamptz NOT NULL, tags text[])");
      s.execute(
          "INSERT INTO items SELECT g, 'item ' || g, g * 1.25, now() - g * interval '1 minute',"
              + " ARRAY['a','b'] FROM generate_series(1, "
              + ROWS
              + ") g");
      s.execute("ANALYZE items");
    }
  }

  static HikariDataSource pool(String jdbcUrl, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername("postgres");
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }
}
