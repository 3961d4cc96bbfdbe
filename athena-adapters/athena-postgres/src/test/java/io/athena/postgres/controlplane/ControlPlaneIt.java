package io.athena.postgres.controlplane;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.athena.spi.telemetry.GatewayEvent;
import io.athena.spi.telemetry.GatewayOutcome;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Shared plumbing of the control plane's integration tests: databases, pools, events, SQL. */
final class ControlPlaneIt {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private ControlPlaneIt() {}

  /** Drops and creates {@code name} on {@code server}. */
  static void freshDatabase(EmbeddedPostgresFixture server, String name) {
    server.dropDatabase(name);
    server.createDatabase(name);
  }

  /** A small pool, patient enough for a busy machine. */
  static HikariDataSource pool(EmbeddedPostgresFixture server, String database, String name) {
    return pool(server, database, name, 10_000);
  }

  /** A small pool that gives up on a stopped server quickly, for the tests that stop one. */
  static HikariDataSource quickFailingPool(
      EmbeddedPostgresFixture server, String database, String name) {
    return pool(server, database, name, 2_000);
  }

  private static HikariDataSource pool(
      EmbeddedPostgresFixture server, String database, String name, long connectionTimeoutMs) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl(database));
    config.setPoolName(name);
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(connectionTimeoutMs);
    config.setValidationTimeout(250);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  /** A gateway event of {@code client}; {@code n} spreads the times a millisecond apart. */
  static GatewayEvent event(
      int n, String client, String table, String operation, int status, String cache) {
    return new GatewayEvent(
        T0.plusMillis(n),
        "req-" + n,
        "0af7651916cd43dd8448eb211c80319c",
        "b7ad6b7169203331",
        client,
        operation.equals("fetch") ? "POST" : "PUT",
        "/gateway/" + operation,
        operation,
        "public",
        table,
        null,
        status,
        status >= 500
            ? GatewayOutcome.SERVER_ERROR
            : status >= 400 ? GatewayOutcome.CLIENT_ERROR : GatewayOutcome.SUCCESS,
        1.5 + n,
        "postgres",
        cache,
        1L,
        null,
        "key-1",
        status >= 400 ? "unknown_column" : null,
        status >= 400 ? "Invalid request" : null,
        cache.equals("none") ? null : "ck-" + n,
        "user-" + n,
        "org-1",
        "company-1");
  }

  /** A failed request whose path, message and user header hold {@code text} (caller-chosen). */
  static GatewayEvent eventHolding(String text) {
    return event(1, "app", "users", "fetch", 400, "miss").toBuilder()
        .path("/gateway/" + text)
        .errorMessage(text)
        .userId(text)
        .build();
  }

  /** {@code n} events over three clients, two tables, two operations, one in five failing. */
  static List<GatewayEvent> mixedEvents(int n) {
    String[] clients = {"billing", "reports", "crm"};
    String[] tables = {"invoices", "users"};
    List<GatewayEvent> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String operation = i % 3 == 0 ? "insert" : "fetch";
      String cache = operation.equals("fetch") ? (i % 4 == 0 ? "hit_local" : "miss") : "none";
      events.add(
          event(
              i,
              clients[i % clients.length],
              i % 7 == 0 ? null : tables[i % tables.length],
              i % 7 == 0 ? "query" : operation,
              i % 5 == 0 ? 400 : 200,
              cache));
    }
    return events;
  }

  static long count(DataSource ds, String sql) {
    return Long.parseLong(column(ds, sql).get(0));
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

  static void execute(DataSource ds, String sql) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + sql, e);
    }
  }
}
