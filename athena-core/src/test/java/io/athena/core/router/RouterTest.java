package io.athena.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.config.Secret;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Json;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final Handler ECHO_PARAM =
      ex -> HttpResponse.text(200, ex.pathParam("id").orElse("none"));

  private final Router router =
      new Router(
          List.of(
              new Route("GET", "/items/{id}", "test", Access.PUBLIC, "item", ECHO_PARAM),
              new Route(
                  "POST",
                  "/echo",
                  "test",
                  Access.PUBLIC,
                  "echo",
                  ex -> HttpResponse.text(200, ex.json().toString())),
              new Route(
                  "GET",
                  "/boom",
                  "test",
                  Access.PUBLIC,
                  "fails",
                  ex -> {
                    throw new IllegalStateException("secret SQL: SELECT * FROM users");
                  }),
              new Route(
                  "GET",
                  "/admin/thing",
                  "test",
                  Access.ADMIN,
                  "admin",
                  ex -> HttpResponse.text(200, "admin ok"))),
          new AdminGuard(Optional.of(Secret.of("s3cret-admin"))),
          16);

  @Test
  void capturesPathParameters() throws IOException {
    HttpResponse response = router.handle(get("/items/42", new Headers()));
    assertThat(response.status()).isEqualTo(200);
    assertThat(body(response)).isEqualTo("42");
  }

  @Test
  void aLiteralSegmentBeatsAParameterWhateverTheMountOrder() throws IOException {
    Handler named = ex -> HttpResponse.text(200, "client " + ex.pathParam("name").orElse(""));
    Handler stats = ex -> HttpResponse.text(200, "statistics");
    for (List<Route> routes :
        List.of(
            List.of(
                new Route("GET", "/clients/{name}", "a", Access.PUBLIC, "one", named),
                new Route("GET", "/clients/statistics", "b", Access.PUBLIC, "stats", stats)),
            List.of(
                new Route("GET", "/clients/statistics", "b", Access.PUBLIC, "stats", stats),
                new Route("GET", "/clients/{name}", "a", Access.PUBLIC, "one", named)))) {
      Router ordered = new Router(routes, new AdminGuard(Optional.empty()), 16);
      assertThat(body(ordered.handle(get("/clients/statistics", new Headers()))))
          .isEqualTo("statistics");
      assertThat(body(ordered.handle(get("/clients/billing", new Headers()))))
          .isEqualTo("client billing");
    }
  }

  @Test
  void unknownPathIsA404Envelope() throws IOException {
    HttpResponse response = router.handle(get("/nope", new Headers()));
    assertThat(response.status()).isEqualTo(404);
    assertThat(json(response).path("code").asText()).isEqualTo("route_not_found");
    assertThat(json(response).path("status").asText()).isEqualTo("error");
  }

  @Test
  void wrongMethodIsA405ListingTheAllowedOnes() throws IOException {
    HttpResponse response =
        router.handle(HttpRequest.of("DELETE", "/items/1", new Headers(), null));
    assertThat(response.status()).isEqualTo(405);
    assertThat(json(response).path("data").path("allowed_methods").toString())
        .isEqualTo("[\"GET\"]");
    assertThat(response.headers().first("Allow")).contains("GET");
  }

  @Test
  void unexpectedFailuresBecomeA500WithoutInternals() throws IOException {
    HttpResponse response = router.handle(get("/boom", new Headers()));
    assertThat(response.status()).isEqualTo(500);
    String body = body(response);
    assertThat(json(response).path("code").asText()).isEqualTo("internal_error");
    assertThat(body).doesNotContain("SELECT").doesNotContain("IllegalState");
  }

  @Test
  void oversizedBodyIsA413() throws IOException {
    byte[] big = "{\"a\":\"0123456789abcdef\"}".getBytes(StandardCharsets.UTF_8);
    HttpResponse response = router.handle(HttpRequest.of("POST", "/echo", new Headers(), big));
    assertThat(response.status()).isEqualTo(413);
    assertThat(json(response).path("code").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void malformedJsonIsA400Envelope() throws IOException {
    byte[] bad = "{nope".getBytes(StandardCharsets.UTF_8);
    HttpResponse response = router.handle(HttpRequest.of("POST", "/echo", new Headers(), bad));
    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("code").asText()).isEqualTo("invalid_json");
  }

  @Test
  void echoesASafeRequestIdAndReplacesAnUnsafeOne() {
    HttpResponse echoed =
        router.handle(get("/items/1", new Headers().set("X-Request-Id", "abc-1")));
    assertThat(echoed.headers().first("X-Request-Id")).contains("abc-1");
    assertThat(echoed.headers().first("X-Athena-Request-Id")).contains("abc-1");

    HttpResponse replaced =
        router.handle(get("/items/1", new Headers().set("X-Request-Id", "bad\nid")));
    assertThat(replaced.headers().first("X-Request-Id").orElseThrow())
        .doesNotContain("\n")
        .hasSize(36);
  }

  @Test
  void adminRoutesNeedTheAdminKey() throws IOException {
    assertThat(router.handle(get("/admin/thing", new Headers())).status()).isEqualTo(401);
    Headers wrong = new Headers().set("X-Athena-Admin-Key", "guess");
    assertThat(router.handle(get("/admin/thing", wrong)).status()).isEqualTo(401);
    Headers right = new Headers().set("X-Athena-Admin-Key", "s3cret-admin");
    assertThat(body(router.handle(get("/admin/thing", right)))).isEqualTo("admin ok");
    Headers bearer = new Headers().set("Authorization", "Bearer s3cret-admin");
    assertThat(router.handle(get("/admin/thing", bearer)).status()).isEqualTo(200);
  }

  @Test
  void adminRoutesAreClosedWithoutAConfiguredKey() throws IOException {
    Router closed =
        new Router(
            List.of(new Route("GET", "/admin/x", "t", Access.ADMIN, "x", ECHO_PARAM)),
            new AdminGuard(Optional.empty()),
            1024);
    HttpResponse response =
        closed.handle(get("/admin/x", new Headers().set("X-Athena-Admin-Key", "anything")));
    assertThat(response.status()).isEqualTo(403);
    assertThat(json(response).path("code").asText()).isEqualTo("admin_key_required");
  }

  @Test
  void transientErrorsCarryRetryAfter() {
    Router r =
        new Router(
            List.of(
                new Route(
                    "GET",
                    "/down",
                    "t",
                    Access.PUBLIC,
                    "down",
                    ex -> {
                      throw new GatewayException(
                          ErrorCode.DATABASE_UNAVAILABLE, "db down", null, 5, java.util.Map.of());
                    })),
            new AdminGuard(Optional.empty()),
            1024);
    HttpResponse response = r.handle(get("/down", new Headers()));
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers().first("Retry-After")).contains("5");
  }

  private static HttpRequest get(String path, Headers headers) {
    return HttpRequest.of("GET", path, headers, null);
  }

  static String body(HttpResponse response) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    response.writeBody(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse response) throws IOException {
    return Json.mapper().readTree(body(response));
  }
}
