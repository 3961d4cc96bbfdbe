package io.athena.postgres.controlplane;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.athena.spi.catalog.ClientCatalog;
import io.athena.testkit.EmbeddedPostgresFixture;
import io.athena.testkit.catalog.ClientCatalogContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link PostgresClientCatalog} does what every client catalog must. */
class PostgresClientCatalogContractIT extends ClientCatalogContract {
  private static final EmbeddedPostgresFixture PG = EmbeddedPostgresFixture.shared();
  private static final String DATABASE = "control_plane_catalog_contract";

  private static HikariDataSource pool;
  private static ClientCatalog catalog;

  @BeforeAll
  static void controlPlane() {
    ControlPlaneIt.freshDatabase(PG, DATABASE);
    // the contract races several writers: a pool that lets them all in, and waits under load
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(PG.jdbcUrl(DATABASE));
    config.setPoolName("catalog-contract");
    config.setMaximumPoolSize(8);
    config.setConnectionTimeout(10_000);
    pool = new HikariDataSource(config);
    catalog = PostgresControlPlane.builder(pool).build().catalog();
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  @Override
  protected ClientCatalog catalog() {
    return catalog;
  }
}
