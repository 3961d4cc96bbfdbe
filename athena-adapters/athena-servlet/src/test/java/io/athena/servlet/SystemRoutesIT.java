package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.servlet.Http.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /}, {@code GET /ping}, request ids and the deferred-request routes, with the servlet
 * mounted below a prefix ({@code /athena/*}) as a host application would.
 */
class SystemRoutesIT {
  @RegisterExtension
  static final AthenaStack stack =
      AthenaStack.builder()
          .mapping("/athena/*")
          .schema("CREATE TABLE things (id int PRIMARY KEY); INSERT INTO things VALUES (1);")
          .build();

  @Test
  @DisplayName("GET / lists every gateway route with its methods")
  void rootListsRoutes() {
    Reply reply = stack.http().get("/").expect(200);

    JsonNode json = reply.json();
    assertThat(json.get("message").asText()).isEqualTo("athena is online");
    assertThat(json.get("version").asText()).isNotBlank();
    List<String> routes = new ArrayList<>();
    for (JsonNode route : json.get("routes")) {
      assertThat(route.get("summary").asText()).as(route.toString()).isNotBlank();
      route.get("methods").forEach(m -> routes.add(m.asText() + " " + route.get("path").asText()));
    }
    assertThat(routes)
        .contains(
            "GET /",
            "GET /ping",
            "POST /gateway/fetch",
            "POST /gateway/data",
            "PUT /gateway/insert",
            "POST /gateway/update",
            "DELETE /gateway/delete",
            "POST /gateway/query");
  }

  @Test
  void pingAnswersPongAsText() {
    Reply reply = stack.http().get("/ping").expect(200);

    assertThat(reply.body()).isEqualTo("pong");
    assertThat(reply.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
  }

  @Test
  void headPingAnswersWithoutABody() {
    Reply reply = stack.http().send("HEAD", "/ping", null).expect(200);

    assertThat(reply.body()).isEmpty();
  }

  @Test
  void routesAreServedOnlyBelowTheMount() {
    Http outside = new Http(stack.http().baseUri().replace("/athena", ""), AthenaStack.CLIENT);

    assertThat(outside.get("/ping").status()).isEqualTo(404);
    assertThat(stack.http().fetch("{\"table_name\":\"things\"}").ok().data()).hasSize(1);
  }

  @Test
  @DisplayName("X-Request-Id is echoed on success and on error, and generated when absent")
  void requestIds() {
    Reply ok = stack.http().get("/ping", "X-Request-Id", "it-req-1");
    Reply failed = stack.http().fetch("{", "X-Request-Id", "it-req-2");
    Reply generated = stack.http().get("/ping");

    assertThat(ok.header("X-Request-Id")).contains("it-req-1");
    assertThat(ok.header("X-Athena-Request-Id")).contains("it-req-1");
    assertThat(failed.header("X-Request-Id")).contains("it-req-2");
    assertThat(failed.header("X-Athena-Request-Id")).contains("it-req-2");
    assertThat(generated.header("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
  }
}
