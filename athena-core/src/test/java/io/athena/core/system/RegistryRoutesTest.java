package io.athena.core.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.Athena;
import io.athena.core.jobs.AdminCalls;
import io.athena.core.jobs.AdminCalls.Answer;
import io.athena.core.router.Route;
import io.athena.spi.Backend;
import io.athena.spi.GatewayOperation;
import io.athena.spi.OperationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryRoutesTest {
  private static final Backend BACKEND =
      new Backend() {
        @Override
        public String kind() {
          return "test-db";
        }

        @Override
        public Set<String> clients() {
          return Set.of("reporting");
        }

        @Override
        public OperationResult execute(String client, GatewayOperation operation) {
          throw new UnsupportedOperationException();
        }
      };

  private final Athena athena =
      Athena.builder().config(AdminCalls.adminConfig()).backend(BACKEND).build();
  private final AdminCalls admin = new AdminCalls(athena.router());

  @Test
  void listsEveryMountedRouteWithItsModuleAndCredential() {
    Answer answer = admin.get("/router/registry");
    assertThat(answer.status()).isEqualTo(200);

    List<String> listed = new ArrayList<>();
    for (JsonNode route : answer.body().get("routes")) {
      listed.add(
          route.get("method").asText()
              + " "
              + route.get("path").asText()
              + " "
              + route.get("module").asText()
              + " "
              + route.get("auth").asText());
    }
    List<String> mounted = new ArrayList<>();
    for (Route route : athena.router().routes()) {
      mounted.add(
          route.method()
              + " "
              + route.path()
              + " "
              + route.module()
              + " "
              + RegistryRoutes.auth(route.access()));
    }
    assertThat(listed).containsExactlyElementsOf(mounted);
    assertThat(listed)
        .contains(
            "GET /ping athena-core none",
            "POST /gateway/fetch athena-core api_key",
            "GET /router/registry athena-core admin_key");
  }

  @Test
  void listsEveryRoutableClientWithItsBackend() {
    JsonNode clients = admin.get("/router/registry").body().get("clients");
    assertThat(clients).hasSize(1);
    JsonNode client = clients.get(0);
    assertThat(client.get("client_name").asText()).isEqualTo("reporting");
    assertThat(client.get("backend").asText()).isEqualTo("test-db");
    assertThat(client.get("source").asText()).isEqualTo("config");
    assertThat(client.get("active").asBoolean()).isTrue();
    assertThat(client.get("frozen").asBoolean()).isFalse();
  }

  @Test
  void needsTheAdminKey() {
    var response =
        athena
            .router()
            .handle(
                io.athena.core.http.HttpRequest.of(
                    "GET", "/router/registry", new io.athena.core.http.Headers(), null));
    assertThat(response.status()).isEqualTo(401);
  }
}
