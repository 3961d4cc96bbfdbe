package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.HealthConfig;
import io.athena.core.config.ObservabilityConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.Secret;
import io.athena.core.config.ServerConfig;
import io.athena.postgres.PostgresBackend;
import io.athena.spi.FetchRequest;
import io.athena.spi.OperationResult;
import io.athena.spi.TableRef;
import io.athena.testkit.EmbeddedPostgresFixture;
import io.micrometer.core.instrument.Gauge;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /health/cluster} and {@code /admin/pools} over real HTTP, with two clients on two embedded
 * PostgreSQL servers: the private one is stopped and started again mid-test, and the prober (every
 * 100 ms) sees it go offline and come back. A second Athena on the same Jetty is probed as a
 * mirror, next to a URL where nothing listens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthClusterIT {
  private static final String KEY = "health-admin-key-1234";
  private static final String STEADY = "steady";
  private static final String FLAKY = "flaky";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension static final BeforeAllCallback STACK = HealthClusterIT::startStack;

  private static EmbeddedPostgresFixture flakyServer;
  private static Athena mirror;
  private static Athena athena;
  private static SharedJetty.Mount mirrorMount;
  private static SharedJetty.Mount mount;
  private static Http http;
  private static URI mirrorUrl;
  private static URI deadUrl;

  private static void startStack(ExtensionContext context) throws Exception {
    SharedJetty jetty = AthenaStack.jetty(context);
    mirror = Athena.builder().build();
    mirrorMount = jetty.mount("health_cluster_mirror", "/*", mirror.router());
    mirrorUrl = URI.create(mirrorMount.baseUri());
    deadUrl = URI.create("http://127.0.0.1:" + LocalPorts.freePort());

    EmbeddedPostgresFixture shared = EmbeddedPostgresFixture.shared();
    shared.dropDatabase("health_cluster_it");
    String steadyUri = shared.createDatabase("health_cluster_it");
    execute(
        shared.dataSource("health_cluster_it"),
        "CREATE TABLE items (id int); " + "INSERT INTO items VALUES (1), (2);");
    flakyServer = EmbeddedPostgresFixture.newInstance();
    String flakyUri = flakyServer.createDatabase("flaky");

    Map<String, PostgresClientConfig> clients = new LinkedHashMap<>();
    clients.put(STEADY, client(STEADY, steadyUri));
    clients.put(FLAKY, client(FLAKY, flakyUri));
    AthenaConfig config =
        new AthenaConfig(
                new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY_BYTES),
                new GatewayConfig(
                    Optional.of(Secret.of(KEY)),
                    GatewayConfig.DEFAULT_SCHEMA,
                    GatewayConfig.DEFAULT_CATALOG_CACHE_TTL),
                clients)
            .withObservability(
                ObservabilityConfig.defaults()
                    .withHealth(
                        new HealthConfig(
                            Duration.ofMillis(100),
                            Duration.ofSeconds(1),
                            List.of(mirrorUrl, deadUrl))));
    // no start(): the first call of /health/cluster starts the prober
    athena = Athena.builder().config(config).backend(PostgresBackend.from(config)).build();
    mount = jetty.mount("health_cluster_it", "/*", athena.router());
    http = new Http(mount.baseUri(), STEADY);
  }

  private static PostgresClientConfig client(String name, String uri) {
    return new PostgresClientConfig(
        name, Secret.of(uri), 3, Duration.ofMillis(250), Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    try {
      mount.close();
      mirrorMount.close();
    } finally {
      athena.close();
      mirror.close();
      flakyServer.close();
    }
  }

  private static JsonNode cluster() {
    return http.get("/health/cluster").expect(200).json();
  }

  private static JsonNode client(JsonNode cluster, String name) {
    for (JsonNode client : cluster.get("clients")) {
      if (client.get("client_name").asText().equals(name)) {
        return client;
      }
    }
    throw new AssertionError("no client " + name + " in " + cluster);
  }

  private static JsonNode mirror(JsonNode cluster, URI url) {
    for (JsonNode mirror : cluster.get("mirrors")) {
      if (mirror.get("url").asText().equals(url.toString())) {
        return mirror;
      }
    }
    throw new AssertionError("no mirror " + url + " in " + cluster);
  }

  @Test
  @Order(1)
  void withBothDatabasesUpTheClusterIsOkWithLatenciesPoolsAndMirrors() {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(cluster().get("status").asText()).isEqualTo("ok"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(mirror(cluster(), mirrorUrl).get("status").asText())
                    .isEqualTo("online"));

    JsonNode cluster = cluster();
    assertThat(cluster.get("version").asText()).isNotBlank();
    assertThat(cluster.get("clients")).hasSize(2);
    for (String name : List.of(STEADY, FLAKY)) {
      JsonNode client = client(cluster, name);
      assertThat(client.get("status").asText()).as(client.toString()).isEqualTo("online");
      assertThat(client.get("latency_ms").isNumber()).as(client.toString()).isTrue();
      assertThat(client.get("latency_ms").asDouble()).isPositive();
      assertThat(client.get("pool").get("max").asInt()).isEqualTo(3);
      assertThat(client.get("pool").has("active")).isTrue();
      assertThat(client.get("pool").has("idle")).isTrue();
      assertThat(client.has("error")).as(client.toString()).isFalse();
      assertThat(client.get("checked_at").asText()).endsWith("Z");
    }
    assertThat(mirror(cluster, mirrorUrl).get("latency_ms").asDouble()).isPositive();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode dead = mirror(cluster(), deadUrl);
              assertThat(dead.get("status").asText()).isEqualTo("offline");
              assertThat(dead.get("error").asText()).isEqualTo("connection refused");
              assertThat(dead.get("latency_ms").isNull()).isTrue();
            });
  }

  @Test
  @Order(2)
  void adminPoolsNeedsTheAdminKeyAndCountsAConnectionHeldByAnOpenRead() {
    http.get("/admin/pools").error(401, "unauthorized");
    FetchRequest unbounded =
        new FetchRequest(
            new TableRef("public", "items"), List.of(), List.of(), List.of(), null, null, null);

    // the prober borrows a connection for a moment every 100 ms: wait for a reading without it
    try (OperationResult open = athena.clients().resolve(STEADY).execute(STEADY, unbounded)) {
      assertThat(open.rows().columns()).containsExactly("id");
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                JsonNode steady = steadyPool();
                assertThat(steady.get("active").asInt()).as(steady.toString()).isEqualTo(1);
                assertThat(steady.get("max").asInt()).isEqualTo(3);
                assertThat(steady.get("pending").asInt()).isZero();
                assertThat(steady.get("idle").isInt()).isTrue();
              });
    }

    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(steadyPool().get("active").asInt()).isZero());
    assertThat(gauge("athena.pool.connections", STEADY, "max").value()).isEqualTo(3.0);
  }

  @Test
  @Order(3)
  void aStoppedDatabaseMakesTheClusterDegradedWithThatClientOfflineAndTheRouteStillAnswers() {
    flakyServer.stop();

    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(cluster().get("status").asText()).isEqualTo("degraded"));

    // a request while the database is down is answered from the latest results
    JsonNode cluster = cluster();
    assertThat(cluster.get("status").asText()).isEqualTo("degraded");
    JsonNode flaky = client(cluster, FLAKY);
    assertThat(flaky.get("status").asText()).isEqualTo("offline");
    assertThat(flaky.get("latency_ms").isNull()).isTrue();
    assertThat(flaky.get("error").asText())
        .as(flaky.toString())
        .isNotBlank()
        .doesNotContain("postgres://")
        .doesNotContain("Exception");
    assertThat(client(cluster, STEADY).get("status").asText()).isEqualTo("online");
    assertThat(gauge("athena.client.up", FLAKY).value()).isZero();
    assertThat(gauge("athena.client.probe.latency", FLAKY).value()).isNaN();
    assertThat(gauge("athena.client.up", STEADY).value()).isEqualTo(1.0);
    JsonNode pools = http.get("/admin/pools", "X-Athena-Admin-Key", KEY).ok().data();
    assertThat(pools.get("pools")).hasSize(2);
  }

  @Test
  @Order(4)
  void whenTheDatabaseIsBackTheClientIsOnlineAgain() {
    flakyServer.start();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode cluster = cluster();
              assertThat(client(cluster, FLAKY).get("status").asText()).isEqualTo("online");
              assertThat(cluster.get("status").asText()).isEqualTo("ok");
            });
    assertThat(gauge("athena.client.up", FLAKY).value()).isEqualTo(1.0);
    assertThat(gauge("athena.client.probe.latency", FLAKY).value()).isPositive();
  }

  private static JsonNode steadyPool() {
    return pool(http.get("/admin/pools", "X-Athena-Admin-Key", KEY).ok(), STEADY);
  }

  private static JsonNode pool(Http.Reply reply, String client) {
    for (JsonNode pool : reply.data().get("pools")) {
      if (pool.get("client_name").asText().equals(client)) {
        return pool;
      }
    }
    throw new AssertionError("no pool of " + client + " in " + reply.body());
  }

  private static Gauge gauge(String name, String client, String... state) {
    var search = athena.meterRegistry().find(name).tag("client", client);
    if (state.length > 0) {
      search = search.tag("state", state[0]);
    }
    Gauge gauge = search.gauge();
    assertThat(gauge).as("gauge %s{client=%s}", name, client).isNotNull();
    return gauge;
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
