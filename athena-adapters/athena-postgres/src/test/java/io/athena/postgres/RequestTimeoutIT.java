package io.athena.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.Secret;
import io.athena.core.config.SecurityConfig;
import io.athena.core.config.ServerConfig;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Json;
import io.athena.spi.ExecutionOptions;
import io.athena.spi.QueryRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code security.request_timeout} reaches PostgreSQL: a statement gets only what is left of the
 * request's time, even when the client's own statement timeout is far longer.
 */
class RequestTimeoutIT {
  private static final Duration CLIENT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
  // long enough that a loaded CI machine still answers SELECT 1 (and opens its first connection)
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  private static String uri;
  private static Athena athena;

  @BeforeAll
  static void start() {
    uri = PostgresIt.freshDatabase(PostgresIt.server(), "request_timeout_it", "SELECT 1;");
    PostgresClientConfig client =
        new PostgresClientConfig(
            "app", Secret.of(uri), 4, Duration.ofSeconds(2), CLIENT_STATEMENT_TIMEOUT);
    AthenaConfig config =
        new AthenaConfig(
            ServerConfig.defaults(),
            GatewayConfig.defaults(),
            Map.of("app", client),
            SecurityConfig.defaults().withRequestTimeout(REQUEST_TIMEOUT));
    athena = Athena.builder().config(config).backend(PostgresBackend.from(config)).build();
  }

  @AfterAll
  static void stop() {
    athena.close();
  }

  private static HttpResponse query(String sql) {
    Headers headers = new Headers();
    headers.set("X-Athena-Client", "app");
    headers.set("Content-Type", "application/json");
    String body = Json.mapper().createObjectNode().put("query", sql).toString();
    return athena.router().handle(HttpRequest.of("POST", "/gateway/query", headers, bytes(body)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static JsonNode json(HttpResponse response) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    response.writeBody(out);
    return Json.mapper().readTree(out.toString(UTF_8));
  }

  @Test
  void aStatementLongerThanTheRequestsTimeIsCancelledQuickly() throws IOException {
    long started = System.nanoTime();
    HttpResponse response = query("SELECT pg_sleep(6)");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(response.status()).isEqualTo(503);
    assertThat(json(response).path("code").asText()).isEqualTo("statement_timeout");
    assertThat(response.headers().first("Retry-After")).isPresent();
    assertThat(took).isLessThan(Duration.ofSeconds(4)); // the request's 1 s, not the 6 s asked
  }

  @Test
  void aQuickStatementIsUnaffectedAndTheConnectionKeepsTheClientsTimeout() throws IOException {
    HttpResponse response = query("SELECT 1 AS one");
    assertThat(response.status()).isEqualTo(200);
    assertThat(json(response).path("data").get(0).path("one").asInt()).isEqualTo(1);

    // the lowered timeout was transaction-local: outside a request, the client's 30s applies
    try (PostgresBackend backend = PostgresIt.backend("app", uri, CLIENT_STATEMENT_TIMEOUT)) {
      var rows =
          PostgresIt.rows(
              backend.execute(
                  "app",
                  new QueryRequest("SHOW statement_timeout", null, List.of()),
                  ExecutionOptions.none()));
      assertThat(rows.get(0).values()).containsExactly("30s");
    }
  }

  @Test
  void aLongerClientTimeoutIsNeverRaisedByTheRequestsTime() {
    try (PostgresBackend backend = PostgresIt.backend("app", uri, Duration.ofMillis(200))) {
      PostgresIt.assertGatewayError(
          () ->
              PostgresIt.rows(
                  backend.execute(
                      "app",
                      new QueryRequest("SELECT pg_sleep(2)", null, List.of()),
                      ExecutionOptions.withTimeout(Duration.ofSeconds(60)))),
          io.athena.spi.ErrorCode.STATEMENT_TIMEOUT);
    }
  }
}
