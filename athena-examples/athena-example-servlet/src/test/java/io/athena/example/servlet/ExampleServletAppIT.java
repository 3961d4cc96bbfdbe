package io.athena.example.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo app, started in-process on a free port, answering over real HTTP. */
class ExampleServletAppIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static ExampleServletApp app;

  @BeforeAll
  static void startApp() {
    assumeTrue(
        System.getenv("ATHENA_CONFIG_PATH") == null,
        "the demo mode runs only without ATHENA_CONFIG_PATH");
    app = ExampleServletApp.start(0);
  }

  @AfterAll
  static void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void answersPing() throws Exception {
    HttpResponse<String> response = HTTP.send(get("/ping"), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("pong");
    assertThat(response.headers().firstValue("Server")).isEmpty();
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .anyMatch(name -> name.matches("athena-http-\\d+"));
  }

  @Test
  void fetchesDemoUsersInOrder() throws Exception {
    JsonNode reply =
        fetch(
            "{\"table_name\":\"users\",\"columns\":[\"email\",\"name\",\"tags\"],"
                + "\"sort_by\":{\"field\":\"created_at\",\"direction\":\"asc\"},\"limit\":3}");

    assertThat(reply.get("status").asText()).isEqualTo("success");
    assertThat(emails(reply.get("data")))
        .containsExactly("ada@example.com", "alan@example.com", "grace@example.com");
    assertThat(reply.at("/data/0/name").asText()).isEqualTo("Ada Lovelace");
    assertThat(reply.at("/data/0/tags").toString()).isEqualTo("[\"admin\",\"beta\"]");
  }

  @Test
  void fetchesDemoOrdersWithFiltersAndCount() throws Exception {
    JsonNode reply =
        fetch(
            "{\"table_name\":\"orders\",\"conditions\":[{\"column\":\"status\",\"operator\":\"eq\","
                + "\"value\":\"paid\"}],\"sort_by\":{\"field\":\"amount\",\"direction\":\"desc\"},"
                + "\"limit\":2,\"count\":\"exact\"}");

    assertThat(reply.get("count").asLong()).isEqualTo(7);
    assertThat(reply.get("data")).hasSize(2);
    assertThat(reply.at("/data/0/amount").decimalValue()).isEqualByComparingTo("310.00");
    assertThat(reply.at("/data/1/amount").decimalValue()).isEqualByComparingTo("256.00");
  }

  @Test
  void closeIsIdempotentAndStopsServing() throws Exception {
    ExampleServletApp second = ExampleServletApp.start(0);
    URI ping = second.uri().resolve("/ping");
    assertThat(HTTP.send(HttpRequest.newBuilder(ping).build(), BodyHandlers.ofString()).body())
        .isEqualTo("pong");

    second.close();
    second.close();

    assertThatThrownBy(
            () -> HTTP.send(HttpRequest.newBuilder(ping).build(), BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  private static JsonNode fetch(String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(app.uri().resolve("/gateway/fetch"))
            .header("X-Athena-Client", ExampleServletApp.DEMO_CLIENT)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = HTTP.send(request, BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void pathsJettyRefusesItselfAnswerTheJsonEnvelope() throws Exception {
    for (String path : List.of("/admin/api-keys/..%2F..%2Fetc", "/gateway/%2e%2e/admin")) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(app.uri().toString().replaceAll("/$", "") + path))
                  .build(),
              BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isBetween(400, 499);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(path)
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.path("status").asText()).as(response.body()).isEqualTo("error");
      assertThat(body.path("code").asText())
          .as(response.body())
          .isIn("invalid_request", "route_not_found");
      assertThat(body.path("data").isObject()).as(response.body()).isTrue();
    }
  }

  private static HttpRequest get(String path) {
    return HttpRequest.newBuilder(app.uri().resolve(path)).build();
  }

  private static List<String> emails(JsonNode rows) {
    List<String> emails = new ArrayList<>();
    rows.forEach(row -> emails.add(row.get("email").asText()));
    return emails;
  }
}
