package io.athena.postgres.controlplane;

import static io.athena.postgres.controlplane.ControlPlaneIt.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.ControlPlaneConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.Secret;
import io.athena.core.config.ServerConfig;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Json;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code gateway.logging_client} end to end: fromConfig, audit, statistics routes, close. */
class ControlPlaneFromConfigIT {
  private static final EmbeddedPostgresFixture PG = EmbeddedPostgresFixture.shared();
  private static final String ADMIN_KEY = "admin-secret";

  private static AthenaConfig config(String uri) {
    GatewayConfig gateway =
        new GatewayConfig(Optional.of(Secret.of(ADMIN_KEY)), "public", Duration.ofSeconds(60));
    AthenaConfig config =
        new AthenaConfig(
            ServerConfig.defaults(), gateway, Map.of("logs", PostgresClientConfig.of("logs", uri)));
    return config.withObservability(
        config
            .observability()
            .withControlPlane(ControlPlaneConfig.defaults().withLoggingClient("logs")));
  }

  @Test
  @DisplayName("fromConfig builds the control plane; what one Athena records, the next one shows")
  void recordsAndShows() throws IOException {
    ControlPlaneIt.freshDatabase(PG, "control_plane_config_it");
    AthenaConfig config = config(PG.uri("control_plane_config_it"));

    try (Athena first = Athena.fromConfig(config)) {
      assertThat(first.controlPlane()).get().isInstanceOf(PostgresControlPlane.class);
      assertThat(first.auditSink()).isInstanceOf(PostgresAuditSink.class);
      first.auditSink().record(event(1, "logs", "users", "fetch", 200, "hit_local"));
      first.auditSink().record(event(2, "logs", "users", "fetch", 404, "miss"));
    } // close() writes the queue

    try (Athena second = Athena.fromConfig(config)) {
      JsonNode all = get(second, "/admin/clients/statistics");
      assertThat(all.path("data").path("statistics").get(0).path("total_requests").asLong())
          .isEqualTo(2);
      JsonNode one = get(second, "/admin/clients/logs/statistics");
      assertThat(one.path("data").path("statistics").path("failed_requests").asLong()).isEqualTo(1);
      assertThat(one.path("data").path("tables").get(0).path("table_name").asText())
          .isEqualTo("users");
      JsonNode errors = get(second, "/admin/clients/logs/statistics/drilldown", "status", "errors");
      assertThat(errors.path("data").path("rows")).hasSize(1);
      assertThat(errors.path("data").path("rows").get(0).path("request_id").asText())
          .isEqualTo("req-2");
    }
  }

  private static JsonNode get(Athena athena, String path, String... query) throws IOException {
    Map<String, List<String>> params =
        query.length == 0 ? Map.of() : Map.of(query[0], List.of(query[1]));
    HttpResponse response =
        athena
            .router()
            .handle(
                new HttpRequest(
                    "GET",
                    path,
                    new Headers().set("X-Athena-Admin-Key", ADMIN_KEY),
                    params,
                    null,
                    "test"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    response.writeBody(out);
    assertThat(response.status()).as(path).isEqualTo(200);
    return Json.mapper().readTree(out.toByteArray());
  }
}
