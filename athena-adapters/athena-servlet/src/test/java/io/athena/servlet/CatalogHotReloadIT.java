package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.ControlPlaneConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.Secret;
import io.athena.postgres.controlplane.PostgresControlPlane;
import io.athena.servlet.Http.Reply;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Athena nodes, each with its own {@link PostgresControlPlane} on one shared control-plane
 * database, over real HTTP: a client added, frozen or deleted through one node's admin routes takes
 * effect there at once and on the other node within its reload interval; both nodes' requests are
 * counted in the shared statistics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogHotReloadIT {
  private static final String ADMIN = "catalog-it-admin-key";
  private static final String PASSWORD = "Hunter2-secret";
  private static final String TARGET = "catalog_hot_reload_target";
  private static final Duration RELOAD = Duration.ofMillis(200);
  private static final Duration WITHIN = Duration.ofSeconds(10);
  private static final String CONTROL = "catalog_hot_reload_control";
  private static javax.sql.DataSource controlDatabase;
  private static final String FETCH = "{\"table_name\":\"items\",\"sort_by\":{\"field\":\"id\"}}";

  @RegisterExtension
  @Order(1)
  static final AthenaStack nodeA =
      node(AthenaStack.builder().schema("CREATE TABLE items (id int PRIMARY KEY, name text);"));

  @RegisterExtension
  @Order(2)
  static final AthenaStack nodeB = node(AthenaStack.builder().sharingDatabaseWith(nodeA));

  private static String targetUri;

  private static AthenaStack node(AthenaStack.Builder builder) {
    return builder
        .configure(CatalogHotReloadIT::configure)
        .customize(b -> b.controlPlane(controlPlane()))
        .build();
  }

  /** A control plane of this node's own, on the database every node shares. */
  private static synchronized PostgresControlPlane controlPlane() {
    if (controlDatabase == null) {
      EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();
      pg.dropDatabase(CONTROL);
      pg.createDatabase(CONTROL);
      controlDatabase = pg.dataSource(CONTROL);
    }
    return PostgresControlPlane.builder(controlDatabase)
        .auditFlushInterval(Duration.ofMillis(50))
        .build();
  }

  private static AthenaConfig configure(AthenaConfig c) {
    AthenaConfig keyed =
        new AthenaConfig(
                c.server(),
                new GatewayConfig(
                    Optional.of(Secret.of(ADMIN)),
                    GatewayConfig.DEFAULT_SCHEMA,
                    GatewayConfig.DEFAULT_CATALOG_CACHE_TTL),
                c.postgresClients())
            .withObservability(c.observability());
    ControlPlaneConfig defaults = ControlPlaneConfig.defaults();
    ControlPlaneConfig fast =
        new ControlPlaneConfig(
            defaults.loggingClient(),
            defaults.auditQueueCapacity(),
            defaults.auditBatchSize(),
            defaults.auditFlushInterval(),
            RELOAD,
            defaults.requestLogRetention());
    return keyed.withObservability(keyed.observability().withControlPlane(fast));
  }

  @BeforeAll
  static void targetDatabase() throws SQLException {
    EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();
    pg.dropDatabase(TARGET);
    pg.createDatabase(TARGET);
    try (Connection c = pg.dataSource(TARGET).getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE items (id int PRIMARY KEY, name text);"
              + " INSERT INTO items VALUES (1, 'from the catalog')");
    }
    // the embedded server trusts local connections: the password is there to be hidden
    targetUri = "postgres://postgres:" + PASSWORD + "@localhost:" + pg.port() + "/" + TARGET;
  }

  private static Reply admin(AthenaStack node, String method, String path, String json) {
    return node.http().send(method, path, json, "X-Athena-Admin-Key", ADMIN);
  }

  private static Reply fetchOrders(AthenaStack node) {
    return node.http().send("POST", "/gateway/fetch", FETCH, "X-Athena-Client", "orders");
  }

  private static void awaitOnBoth(String what, java.util.function.Consumer<AthenaStack> check) {
    check.accept(nodeA); // the node written through applies the change at once
    await(what).atMost(WITHIN).untilAsserted(() -> check.accept(nodeB));
  }

  @Test
  @Order(1)
  void aClientAddedOnOneNodeIsRoutedByTheOtherWithinTheReloadInterval() {
    fetchOrders(nodeB).error(404, "client_not_found");

    Reply created =
        admin(
                nodeA,
                "POST",
                "/admin/clients",
                "{\"client_name\":\"orders\",\"pg_uri\":\""
                    + targetUri
                    + "\",\"description\":\"orders database\"}")
            .expect(201);

    assertThat(created.body()).doesNotContain(PASSWORD);
    assertThat(created.data().path("client").path("pg_uri").asText()).contains("<masked>");
    awaitOnBoth(
        "node B routes the new client",
        node ->
            assertThat(fetchOrders(node).ok().data().path(0).path("name").asText())
                .isEqualTo("from the catalog"));
  }

  @Test
  @Order(2)
  void theClientListMasksPasswordsOnEveryNode() {
    for (AthenaStack node : new AthenaStack[] {nodeA, nodeB}) {
      Reply list = admin(node, "GET", "/admin/clients", null).ok();
      assertThat(list.body()).doesNotContain(PASSWORD);
      JsonNode runtime = list.data().path("runtime");
      assertThat(runtime.findValuesAsText("client_name")).containsExactly("it", "orders");
      assertThat(runtime.path(1).path("source").asText()).isEqualTo("catalog");
      assertThat(runtime.path(1).path("pool_connected").asBoolean()).isTrue();
      assertThat(list.data().path("clients").path(0).path("pg_uri").asText())
          .isEqualTo(
              "postgres://postgres:<masked>@localhost:"
                  + EmbeddedPostgresFixture.shared().port()
                  + "/"
                  + TARGET);
    }
  }

  @Test
  @Order(3)
  void aClientFrozenOnOneNodeIsRefusedByBothUntilThawed() {
    admin(nodeA, "PUT", "/admin/clients/orders/freeze", "{\"is_frozen\":true}").ok();
    awaitOnBoth("frozen everywhere", node -> fetchOrders(node).error(403, "client_frozen"));

    admin(nodeB, "PUT", "/admin/clients/orders/freeze", "{\"is_frozen\":false}").ok();
    fetchOrders(nodeB).ok();
    await().atMost(WITHIN).untilAsserted(() -> fetchOrders(nodeA).ok());
  }

  @Test
  @Order(4)
  void aConfiguredClientCanBeFrozenThroughTheCatalogOnEveryNode() {
    admin(nodeA, "PUT", "/admin/clients/it/freeze", "{\"is_frozen\":true}").ok();
    awaitOnBoth(
        "the configured client is frozen everywhere",
        node -> node.http().fetch(FETCH).error(403, "client_frozen"));

    admin(nodeA, "PUT", "/admin/clients/it/freeze", "{\"is_frozen\":false}").ok();
    awaitOnBoth("thawed everywhere", node -> node.http().fetch(FETCH).ok());
  }

  @Test
  @Order(5)
  void aSoftDeletedClientLeavesRoutingOnEveryNodeAndCanComeBack() {
    admin(nodeA, "DELETE", "/admin/clients/orders", null).ok();
    awaitOnBoth("deleted everywhere", node -> fetchOrders(node).error(404, "client_not_found"));
    admin(nodeA, "GET", "/admin/clients", null).ok();

    admin(
            nodeB,
            "POST",
            "/admin/clients",
            "{\"client_name\":\"orders\",\"pg_uri\":\"" + targetUri + "\"}")
        .expect(201);
    fetchOrders(nodeB).ok();
    await().atMost(WITHIN).untilAsserted(() -> fetchOrders(nodeA).ok());
  }

  @Test
  @Order(6)
  void bothNodesRequestsAreCountedInTheSharedStatistics() {
    fetchOrders(nodeA).ok();
    fetchOrders(nodeB).ok();
    nodeB
        .http()
        .send("POST", "/gateway/fetch", "{\"table_name\":\"no_such\"}", "X-Athena-Client", "orders")
        .error(400, "unknown_table");

    await("both nodes' audit records written")
        .atMost(WITHIN)
        .untilAsserted(
            () -> {
              JsonNode stats =
                  admin(nodeA, "GET", "/admin/clients/orders/statistics", null)
                      .ok()
                      .json()
                      .get("data")
                      .get("statistics");
              assertThat(stats.get("total_requests").asLong()).isGreaterThanOrEqualTo(3);
              assertThat(stats.get("failed_requests").asLong()).isGreaterThanOrEqualTo(1);
            });
    JsonNode rows =
        admin(
                nodeB,
                "GET",
                // no table_name filter: a table the caller made up is not kept in the audit log
                "/admin/clients/orders/statistics/drilldown?status=errors",
                null)
            .ok()
            .json()
            .get("data")
            .get("rows");
    assertThat(rows).isNotEmpty();
    assertThat(rows.get(0).get("status_code").asInt()).isEqualTo(400);
    assertThat(rows.get(0).get("error_code").asText()).isEqualTo("unknown_table");
    assertThat(rows.get(0).get("table_name").isNull()).isTrue();
  }
}
