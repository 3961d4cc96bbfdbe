package io.athena.postgres.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.auth.KeyStore;
import io.athena.spi.auth.KeyStoreUnavailableException;
import io.athena.testkit.EmbeddedPostgresFixture;
import io.athena.testkit.auth.KeyStoreContract;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The key store contract on a real PostgreSQL 15, plus its migration and outage behaviour. */
class PostgresKeyStoreIT extends KeyStoreContract {
  private static final String DATABASE = "postgres_key_store_it";
  private static DataSource dataSource;

  @BeforeAll
  static void database() {
    EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();
    pg.dropDatabase(DATABASE);
    pg.createDatabase(DATABASE);
    dataSource = pg.dataSource(DATABASE);
  }

  @Override
  protected KeyStore store() {
    return new PostgresKeyStore(dataSource);
  }

  @Test
  void nodesMigratingAtOnceApplyTheMigrationOnce() throws Exception {
    EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();
    pg.dropDatabase("postgres_key_store_race");
    pg.createDatabase("postgres_key_store_race");
    DataSource fresh = pg.dataSource("postgres_key_store_race");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> nodes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        nodes.add(
            () -> {
              new PostgresKeyStore(fresh).migrate();
              return null;
            });
      }
      for (Future<Void> done : pool.invokeAll(nodes)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = fresh.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*), max(version) FROM athena_auth_migrations")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(KeyStoreSql.MIGRATIONS.size());
      assertThat(rs.getInt(2)).isEqualTo(KeyStoreSql.MIGRATIONS.size());
    }
  }

  @Test
  void onlyTheSaltAndHashAreStored() throws SQLException {
    new PostgresKeyStore(dataSource).migrate();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT string_agg(column_name, ',' ORDER BY column_name) FROM"
                    + " information_schema.columns WHERE table_name = 'athena_api_keys'")) {
      rs.next();
      assertThat(rs.getString(1)).doesNotContain("secret").contains("salt", "key_hash");
    }
  }

  @Test
  void anUnreachableDatabaseIsAnOutageNotACrash() {
    PostgresKeyStore down = new PostgresKeyStore(new DownDataSource());

    assertThatThrownBy(() -> down.find("0123456789abcdef"))
        .isInstanceOf(KeyStoreUnavailableException.class)
        .hasMessageContaining("migrating");
  }

  /** A data source whose database is gone. */
  private static final class DownDataSource implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      throw new SQLException("connection refused", "08001");
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
