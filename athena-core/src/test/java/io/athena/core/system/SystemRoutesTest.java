package io.athena.core.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.Athena;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SystemRoutesTest {
  private final Athena athena = Athena.builder().build();

  @Test
  void pingAnswersPong() throws IOException {
    HttpResponse response =
        athena.router().handle(HttpRequest.of("GET", "/ping", new Headers(), null));
    assertThat(response.status()).isEqualTo(200);
    assertThat(body(response)).isEqualTo("pong");
  }

  @Test
  void rootListsEveryMountedRouteWithItsMethods() throws IOException {
    HttpResponse response = athena.router().handle(HttpRequest.of("GET", "/", new Headers(), null));
    JsonNode root = Json.mapper().readTree(body(response));
    assertThat(root.path("message").asText()).isEqualTo("athena is online");
    assertThat(root.path("version").asText()).isNotBlank().isNotEqualTo("unknown");
    assertThat(root.path("routes").size())
        .isEqualTo(athena.router().routes().stream().map(r -> r.path()).distinct().count());
    assertThat(root.path("routes").get(1).path("path").asText()).isEqualTo("/ping");
    assertThat(root.path("routes").get(1).path("methods").toString()).isEqualTo("[\"GET\"]");
  }

  private static String body(HttpResponse response) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    response.writeBody(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
