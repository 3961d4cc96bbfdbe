package io.athena.postgres.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.Secret;
import io.athena.core.config.SecurityConfig;
import io.athena.core.config.ServerConfig;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Json;
import io.athena.spi.auth.EnforcementSettings;
import io.athena.testkit.EmbeddedPostgresFixture;
import io.athena.testkit.jobs.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The enforcement switch of {@code PUT /admin/api-key-config} is kept in the PostgreSQL key store:
 * other nodes see it within their key cache TTL, and a node started later starts with it.
 */
class EnforcementSharingIT {
  private static final String DATABASE = "enforcement_sharing_it";
  private static final String ADMIN = "it-admin-key-0123456789";
  private static final Duration TTL = Duration.ofSeconds(5);

  private final SettableClock clock = new SettableClock();
  private final List<Athena> nodes = new ArrayList<>();
  private DataSource dataSource;

  @BeforeEach
  void database() {
    EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();
    pg.dropDatabase(DATABASE);
    pg.createDatabase(DATABASE);
    dataSource = pg.dataSource(DATABASE);
  }

  @AfterEach
  void stop() {
    nodes.forEach(Athena::close);
  }

  /** A node over the shared key database, keys not enforced by its configuration. */
  private Athena node() {
    AthenaConfig config =
        new AthenaConfig(
            ServerConfig.defaults(),
            new GatewayConfig(
                Optional.of(Secret.of(ADMIN)),
                GatewayConfig.DEFAULT_SCHEMA,
                GatewayConfig.DEFAULT_CATALOG_CACHE_TTL),
            Map.of(),
            SecurityConfig.defaults());
    Athena athena =
        Athena.builder()
            .config(config)
            .keyStore(new PostgresKeyStore(dataSource))
            .clock(clock)
            .build();
    nodes.add(athena);
    return athena;
  }

  private static JsonNode adminConfig(Athena node, String method, String body) throws IOException {
    Headers headers = new Headers().set("X-Athena-Admin-Key", ADMIN);
    headers.set("Content-Type", "application/json");
    byte[] bytes = body == null ? null : body.getBytes(UTF_8);
    HttpResponse response =
        node.router().handle(HttpRequest.of(method, "/admin/api-key-config", headers, bytes));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    response.writeBody(out);
    assertThat(response.status()).as(out.toString(UTF_8)).isEqualTo(200);
    return Json.mapper().readTree(out.toString(UTF_8)).path("data");
  }

  private static boolean enforced(Athena node) throws IOException {
    return adminConfig(node, "GET", null).path("enforce_api_keys").asBoolean();
  }

  @Test
  void aSwitchOnOneNodeReachesTheOtherWithinTheKeyCacheTtl() throws IOException {
    Athena first = node();
    Athena second = node();
    assertThat(enforced(second)).isFalse();

    adminConfig(first, "PUT", "{\"enforce_api_keys\":true,\"clients\":{\"legacy\":false}}");
    assertThat(enforced(first)).isTrue();
    clock.advance(TTL.minusMillis(1));
    assertThat(enforced(second)).as("still cached on the other node").isFalse();

    clock.advance(Duration.ofMillis(1));
    JsonNode seen = adminConfig(second, "GET", null);
    assertThat(seen.path("enforce_api_keys").asBoolean()).isTrue();
    assertThat(seen.path("clients").path("legacy").asBoolean(true)).isFalse();
  }

  @Test
  void aNodeStartedLaterStartsWithTheSavedSwitch() throws IOException {
    adminConfig(node(), "PUT", "{\"enforce_api_keys\":true,\"clients\":{\"open\":false}}");

    Athena restarted = node();
    assertThat(enforced(restarted)).isTrue();
    assertThat(restarted.security().enforcement().enforcedFor("open")).isFalse();
    assertThat(restarted.security().enforcement().enforcedFor("other")).isTrue();
  }

  @Test
  void theStoreRoundTripsPerClientSettings() {
    PostgresKeyStore store = new PostgresKeyStore(dataSource);
    assertThat(store.loadEnforcement()).isEmpty();

    EnforcementSettings saved = new EnforcementSettings(false, Map.of("a", true, "b", false));
    store.saveEnforcement(saved);
    store.saveEnforcement(saved);
    assertThat(new PostgresKeyStore(dataSource).loadEnforcement()).contains(saved);
  }
}
