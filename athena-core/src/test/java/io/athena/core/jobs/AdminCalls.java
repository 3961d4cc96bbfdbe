package io.athena.core.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.Secret;
import io.athena.core.config.ServerConfig;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Json;
import io.athena.core.router.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Calls admin routes through a router, the way a hosting adapter would. */
public final class AdminCalls {
  public static final String ADMIN_KEY = "admin-secret";

  private final Router router;

  public AdminCalls(Router router) {
    this.router = router;
  }

  /** A configuration whose admin routes open with {@link #ADMIN_KEY}. */
  public static AthenaConfig adminConfig() {
    GatewayConfig gateway =
        new GatewayConfig(Optional.of(Secret.of(ADMIN_KEY)), "public", Duration.ofSeconds(60));
    return new AthenaConfig(ServerConfig.defaults(), gateway, Map.of());
  }

  /** An answer: status and parsed body. */
  public record Answer(int status, JsonNode body) {
    public JsonNode data() {
      return body.path("data");
    }
  }

  public Answer get(String path, String... query) {
    return call("GET", path, query);
  }

  public Answer post(String path) {
    return call("POST", path);
  }

  public Answer call(String method, String path, String... query) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (int i = 0; i + 1 < query.length; i += 2) {
      params.put(query[i], List.of(query[i + 1]));
    }
    Headers headers = new Headers().set("X-Athena-Admin-Key", ADMIN_KEY);
    return answer(router.handle(new HttpRequest(method, path, headers, params, null, "test")));
  }

  public Answer withoutKey(String method, String path) {
    return answer(router.handle(HttpRequest.of(method, path, new Headers(), null)));
  }

  private static Answer answer(HttpResponse response) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      response.writeBody(out);
      return new Answer(response.status(), Json.mapper().readTree(out.toByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
