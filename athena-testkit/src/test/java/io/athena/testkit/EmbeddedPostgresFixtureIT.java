package io.athena.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresFixtureIT {

  @Test
  void sharedServerCreatesDatabasesReachableByUriAndJdbcUrl() throws SQLException {
    EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();

    String uri = pg.createDatabase("fixture_it");

    assertThat(uri).isEqualTo("postgres://postgres@localhost:" + pg.port() + "/fixture_it");
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("fixture_it"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_database(), version()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("fixture_it");
      assertThat(rs.getString(2)).startsWith("PostgreSQL 15.");
    }
  }

  @Test
  void sharedIsOneServerPerJvmAndCreateDatabaseIsIdempotent() throws SQLException {
    EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();
    pg.createDatabase("fixture_twice");
    execute(pg.dataSource("fixture_twice"), "CREATE TABLE IF NOT EXISTS marker (id int)");

    pg.createDatabase("fixture_twice");

    assertThat(EmbeddedPostgresFixture.shared()).isSameAs(pg);
    assertThat(count(pg.dataSource("fixture_twice"), "marker")).isZero();
  }

  @Test
  void sharedServerRefusesToStop() {
    EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();

    assertThatThrownBy(pg::stop).isInstanceOf(IllegalStateException.class);
    pg.close();
    assertThat(pg.isRunning()).isTrue();
  }

  @Test
  void privateServerStopsAndRestartsOnTheSamePortWithItsData() throws SQLException {
    try (EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.newInstance()) {
      pg.createDatabase("app");
      execute(pg.dataSource("app"), "CREATE TABLE kept (id int); INSERT INTO kept VALUES (1)");
      int port = pg.port();

      pg.stop();
      assertThat(pg.isRunning()).isFalse();
      assertThatThrownBy(() -> pg.dataSource("app").getConnection())
          .isInstanceOf(SQLException.class);

      pg.start();
      assertThat(pg.port()).isEqualTo(port);
      assertThat(count(pg.dataSource("app"), "kept")).isEqualTo(1);
    }
  }

  @Test
  void rejectsDatabaseNamesThatWouldNeedQuoting() {
    EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();

    assertThatThrownBy(() -> pg.createDatabase("Bad-Name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Bad-Name");
    assertThatThrownBy(() -> pg.createDatabase("x; DROP DATABASE postgres"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
