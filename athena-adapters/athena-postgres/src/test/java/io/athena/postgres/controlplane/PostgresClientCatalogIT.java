package io.athena.postgres.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.spi.catalog.CatalogClient;
import io.athena.spi.catalog.CatalogConflictException;
import io.athena.spi.catalog.CatalogUnavailableException;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code athena_clients} behind the {@link io.athena.spi.catalog.ClientCatalog} SPI. */
class PostgresClientCatalogIT {
  private static final EmbeddedPostgresFixture PG = EmbeddedPostgresFixture.shared();
  private static final String DATABASE = "control_plane_catalog_it";
  private static final Instant T1 = Instant.parse("2030-01-01T00:00:00.123456Z");
  private static final Instant T2 = Instant.parse("2030-01-02T00:00:00Z");
  private static final Instant T3 = Instant.parse("2030-01-03T00:00:00Z");

  private HikariDataSource pool;
  private PostgresClientCatalog catalog;

  @BeforeEach
  void freshDatabase() {
    ControlPlaneIt.freshDatabase(PG, DATABASE);
    pool = ControlPlaneIt.pool(PG, DATABASE, "catalog-it");
    catalog = PostgresControlPlane.builder(pool).build().catalog();
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  private static CatalogClient client(String name, Instant at) {
    return new CatalogClient(
        name,
        "postgres://app:s3cret@db/" + name,
        null,
        "the " + name + " database",
        true,
        false,
        false,
        at,
        at);
  }

  @Test
  @DisplayName("a created client reads back the same, by name and in the list (by name)")
  void createGetList() {
    CatalogClient billing = client("billing", T1);
    assertThat(catalog.create(billing)).isEqualTo(billing);
    catalog.create(client("analytics", T1));

    assertThat(catalog.get("billing")).contains(billing);
    assertThat(catalog.get("nobody")).isEmpty();
    assertThat(catalog.list())
        .extracting(CatalogClient::name)
        .containsExactly("analytics", "billing");
  }

  @Test
  @DisplayName("creating a name that exists, soft-deleted or not, is a conflict")
  void createConflicts() {
    catalog.create(client("billing", T1));
    assertThatThrownBy(() -> catalog.create(client("billing", T2)))
        .isInstanceOf(CatalogConflictException.class)
        .hasMessageContaining("billing");
    CatalogClient billing = catalog.get("billing").orElseThrow();
    catalog.update(withDeleted(billing, true, T2));
    assertThatThrownBy(() -> catalog.create(client("billing", T3)))
        .isInstanceOf(CatalogConflictException.class);
  }

  @Test
  @DisplayName("an update replaces the fields but keeps the creation time")
  void updateReplaces() {
    catalog.create(client("billing", T1));
    CatalogClient changed =
        new CatalogClient("billing", null, "BILLING_URI", "moved", false, true, false, T3, T2);

    assertThat(catalog.update(changed))
        .contains(
            new CatalogClient("billing", null, "BILLING_URI", "moved", false, true, false, T1, T2));
    assertThat(catalog.get("billing").orElseThrow().frozen()).isTrue();
    assertThat(catalog.update(client("nobody", T2))).isEmpty();
  }

  @Test
  @DisplayName("a soft delete keeps the row and its first deletion time; an update revives it")
  void softDeleteAndRevive() {
    CatalogClient billing = catalog.create(client("billing", T1));
    catalog.update(withDeleted(billing, true, T2));
    catalog.update(withDeleted(billing, true, T3));

    assertThat(catalog.get("billing").orElseThrow().deleted()).isTrue();
    assertThat(
            ControlPlaneIt.column(pool, "SELECT deleted_at AT TIME ZONE 'UTC' FROM athena_clients"))
        .containsExactly("2030-01-02 00:00:00");
    assertThat(catalog.list()).hasSize(1);

    catalog.update(withDeleted(billing, false, T3));
    assertThat(catalog.get("billing").orElseThrow().deleted()).isFalse();
    assertThat(ControlPlaneIt.column(pool, "SELECT deleted_at FROM athena_clients"))
        .containsOnlyNulls();
  }

  @Test
  @DisplayName("a catalog whose database is down throws CatalogUnavailableException, no secrets")
  void unavailable() {
    try (EmbeddedPostgresFixture down = EmbeddedPostgresFixture.newInstance()) {
      down.createDatabase("catalog");
      try (HikariDataSource downPool =
          ControlPlaneIt.quickFailingPool(down, "catalog", "catalog-down")) {
        PostgresClientCatalog dead = PostgresControlPlane.builder(downPool).build().catalog();
        dead.create(client("billing", T1));
        down.stop();

        assertThatThrownBy(dead::list)
            .isInstanceOf(CatalogUnavailableException.class)
            .hasMessageStartingWith("Client catalog could not list the clients")
            .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> dead.get("billing"))
            .isInstanceOf(CatalogUnavailableException.class);
        assertThatThrownBy(() -> dead.create(client("crm", T1)))
            .isInstanceOf(CatalogUnavailableException.class);
        assertThatThrownBy(() -> dead.update(client("billing", T2)))
            .isInstanceOf(CatalogUnavailableException.class);

        down.start();
        // the pool reconnects on its own; under load its first borrow may still time out
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreException(CatalogUnavailableException.class)
            .untilAsserted(
                () ->
                    assertThat(dead.list())
                        .extracting(CatalogClient::name)
                        .containsExactly("billing"));
      }
    }
  }

  private static CatalogClient withDeleted(CatalogClient c, boolean deleted, Instant at) {
    return new CatalogClient(
        c.name(),
        c.pgUri(),
        c.pgUriEnvVar(),
        c.description(),
        c.active(),
        c.frozen(),
        deleted,
        c.createdAt(),
        at);
  }
}
