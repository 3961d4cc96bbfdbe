package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small HTTP client for the integration tests: JSON in, {@link Reply} out, with {@code
 * X-Athena-Client} and {@code Content-Type: application/json} sent unless a test overrides them.
 */
final class Http {
  /** Decimals parse exactly, so that {@code 35.5} and {@code 11.83333333333333} compare as sent. */
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String baseUri;
  private final String client;

  Http(String baseUri, String client) {
    this.baseUri = baseUri;
    this.client = client;
  }

  String baseUri() {
    return baseUri;
  }

  /**
   * The path this stack's router is mounted at on the server ({@code /ctx} or {@code /ctx/api}).
   */
  String mountPath() {
    return URI.create(baseUri).getPath();
  }

  /**
   * A root-relative {@code Location} the server answered, as a path below this stack's mount (what
   * {@link #get} and {@link #post} take); fails when it does not point below the mount.
   */
  String belowMount(String location) {
    if (!location.startsWith(mountPath() + "/")) {
      throw new AssertionError("Location '" + location + "' is not below " + mountPath());
    }
    return location.substring(mountPath().length());
  }

  Reply get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  Reply post(String path, String json, String... headers) {
    return send("POST", path, json, headers);
  }

  Reply put(String path, String json, String... headers) {
    return send("PUT", path, json, headers);
  }

  Reply delete(String path, String json, String... headers) {
    return send("DELETE", path, json, headers);
  }

  /** A fetch: {@code POST /gateway/fetch}. */
  Reply fetch(String json, String... headers) {
    return post("/gateway/fetch", json, headers);
  }

  /**
   * Sends a request. {@code headers} are name/value pairs; a pair with a {@code null} value drops a
   * default header ({@code "X-Athena-Client", null}).
   */
  Reply send(String method, String path, String body, String... headers) {
    List<String> pairs = new ArrayList<>(List.of("X-Athena-Client", client));
    if (body != null) {
      pairs.addAll(List.of("Content-Type", "application/json"));
    }
    for (int i = 0; i < headers.length; i += 2) {
      String name = headers[i];
      drop(pairs, name);
      if (headers[i + 1] != null) {
        pairs.add(name);
        pairs.add(headers[i + 1]);
      }
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUri + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? BodyPublishers.noBody()
                    : BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (int i = 0; i < pairs.size(); i += 2) {
      request.header(pairs.get(i), pairs.get(i + 1));
    }
    try {
      var response = CLIENT.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void drop(List<String> pairs, String name) {
    for (int i = pairs.size() - 2; i >= 0; i -= 2) {
      if (pairs.get(i).equalsIgnoreCase(name)) {
        pairs.remove(i + 1);
        pairs.remove(i);
      }
    }
  }

  /** A response, with helpers that fail with the whole body in the message. */
  record Reply(int status, HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    /** The envelope's {@code data}. */
    JsonNode data() {
      return json().get("data");
    }

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    /** Asserts the status, showing the body when it differs. */
    Reply expect(int expected) {
      assertThat(status).as("HTTP status of a reply with body %s", body).isEqualTo(expected);
      return this;
    }

    /** Asserts a success envelope with status 200. */
    Reply ok() {
      expect(200);
      assertThat(json().path("status").asText()).as(body).isEqualTo("success");
      return this;
    }

    /** Asserts an error envelope: status, stable code, and that nothing internal leaked into it. */
    Reply error(int expectedStatus, String expectedCode) {
      expect(expectedStatus);
      assertThat(header("Content-Type"))
          .as("content type of %s", body)
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      JsonNode json = json();
      assertThat(json.path("status").asText()).as(body).isEqualTo("error");
      assertThat(json.path("code").asText()).as(body).isEqualTo(expectedCode);
      assertThat(json.path("message").asText()).as(body).isNotBlank();
      assertThat(json.path("error").asText()).as(body).isNotBlank();
      assertNothingInternal();
      return this;
    }

    /** No stack traces, SQL text or exception class names in the body. */
    Reply assertNothingInternal() {
      assertThat(body)
          .as("an error body must not leak internals")
          .doesNotContain("at io.", "at java.", "at org.", "SELECT ", "INSERT ", "UPDATE ")
          .doesNotContain("Exception", "org.postgresql", "PSQL");
      return this;
    }

    /** The {@code error} text of an error envelope. */
    String errorText() {
      return json().path("error").asText();
    }
  }
}
