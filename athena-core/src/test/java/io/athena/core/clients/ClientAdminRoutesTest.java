package io.athena.core.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.Athena;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.jobs.AdminCalls;
import io.athena.core.json.Json;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/clients} through the router, over the in-memory catalog and a recording backend.
 */
class ClientAdminRoutesTest {
  private static final String SECRET_URI = "fake://app:hunter2@db:5432/orders?password=hunter2";

  private final RecordingBackend backend = new RecordingBackend("cfg");
  private final FlakyCatalog catalog = new FlakyCatalog();
  private final Athena athena =
      Athena.builder()
          .config(AdminCalls.adminConfig())
          .backend(backend)
          .clientCatalog(catalog)
          .build();

  @AfterEach
  void close() {
    athena.close();
  }

  record Answer(int status, JsonNode body) {
    JsonNode client() {
      return body.path("data").path("client");
    }

    String code() {
      return body.path("code").asText();
    }

    Answer expect(int expected) {
      assertThat(status).as("status of %s", body).isEqualTo(expected);
      return this;
    }

    Answer error(int expected, ErrorCode code) {
      expect(expected);
      assertThat(code()).as(body.toString()).isEqualTo(code.code());
      return this;
    }
  }

  private static Headers admin() {
    return new Headers().set("X-Athena-Admin-Key", AdminCalls.ADMIN_KEY);
  }

  private Answer call(String method, String path, String json) {
    return call(method, path, json, admin());
  }

  private Answer call(String method, String path, String json, Headers headers) {
    return call(method, path, json, headers, Map.of());
  }

  private Answer call(
      String method, String path, String json, Headers headers, Map<String, List<String>> query) {
    InputStream body =
        json == null ? null : new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    HttpResponse response =
        athena.router().handle(new HttpRequest(method, path, headers, query, body, "test"));
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      response.writeBody(out);
      return new Answer(response.status(), Json.mapper().readTree(out.toByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Answer create(String name, String uri) {
    return call(
        "POST", "/admin/clients", "{\"client_name\":\"" + name + "\",\"pg_uri\":\"" + uri + "\"}");
  }

  private void assertResolves(String client, ErrorCode expected) {
    if (expected == null) {
      assertThat(athena.clients().resolve(client)).isSameAs(backend);
      return;
    }
    assertThatThrownBy(() -> athena.clients().resolve(client))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.errorCode()).isEqualTo(expected));
  }

  @Test
  @DisplayName("POST creates a client that routes at once and never shows its password")
  void createRoutesAtOnce() {
    Answer created = create("orders", SECRET_URI).expect(201);

    assertThat(created.client().path("client_name").asText()).isEqualTo("orders");
    assertThat(created.client().path("is_active").asBoolean()).isTrue();
    assertThat(created.client().path("pg_uri").asText())
        .isEqualTo("fake://app:<masked>@db:5432/orders?password=<masked>");
    assertThat(created.body().toString()).doesNotContain("hunter2");
    assertResolves("orders", null);
    assertThat(backend.registered()).containsEntry("orders", SECRET_URI);
  }

  @Test
  @DisplayName("GET lists catalog rows and what this node routes, passwords masked")
  void listShowsRowsAndRuntime() {
    create("orders", SECRET_URI).expect(201);
    call("PUT", "/admin/clients/cfg/freeze", "{\"is_frozen\":true}").expect(200);

    Answer list = call("GET", "/admin/clients", null).expect(200);

    assertThat(list.body().toString()).doesNotContain("hunter2");
    JsonNode rows = list.body().path("data").path("clients");
    assertThat(rows)
        .extracting(r -> r.path("client_name").asText())
        .containsExactly("orders", "cfg");
    JsonNode runtime = list.body().path("data").path("runtime");
    assertThat(runtime)
        .extracting(
            r -> r.path("client_name").asText(),
            r -> r.path("source").asText(),
            r -> r.path("is_frozen").asBoolean(),
            r -> r.path("pool_connected").asBoolean())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cfg", "config", true, true),
            org.assertj.core.groups.Tuple.tuple("orders", "catalog", false, true));
  }

  @Test
  void createIsValidated() {
    call("POST", "/admin/clients", "{\"client_name\":\"bad name\",\"pg_uri\":\"fake://x\"}")
        .error(400, ErrorCode.INVALID_REQUEST);
    call("POST", "/admin/clients", "{\"client_name\":\"x\"}").error(400, ErrorCode.INVALID_REQUEST);
    call(
            "POST",
            "/admin/clients",
            "{\"client_name\":\"x\",\"pg_uri\":\"fake://x\",\"pg_uri_env_var\":\"X_URI\"}")
        .error(400, ErrorCode.INVALID_REQUEST);
    call("POST", "/admin/clients", "{\"client_name\":\"x\",\"pg_uri\":\"fake://x\",\"extra\":1}")
        .error(400, ErrorCode.INVALID_REQUEST);
    call("POST", "/admin/clients", "{\"client_name\":\"x\",\"pg_uri_env_var\":\"1-no\"}")
        .error(400, ErrorCode.INVALID_REQUEST);
    call(
            "POST",
            "/admin/clients",
            "{\"client_name\":\"x\",\"pg_uri\":\"fake://x\",\"is_active\":1}")
        .error(400, ErrorCode.INVALID_REQUEST);
    call("POST", "/admin/clients", "[]").error(400, ErrorCode.INVALID_REQUEST);
    assertThat(catalog.rows.list()).isEmpty();
  }

  @Test
  void aUriNoBackendCanUseIsRefusedWithoutEchoingIt() {
    Answer alien = create("x", "mysql://root:hunter2@db/x").error(400, ErrorCode.INVALID_REQUEST);
    Answer bad = create("y", "fake://root:hunter2@bad").error(400, ErrorCode.INVALID_REQUEST);

    assertThat(alien.body().toString()).doesNotContain("hunter2");
    assertThat(bad.body().toString()).doesNotContain("hunter2").contains("no database name");
    assertThat(catalog.rows.list()).isEmpty();
  }

  @Test
  void aUriVariableIsAcceptedEvenWhenThisNodeLacksIt() {
    Answer created =
        call(
                "POST",
                "/admin/clients",
                "{\"client_name\":\"x\",\"pg_uri_env_var\":\"ATHENA_TEST_SURELY_UNSET_URI\","
                    + "\"description\":\"elsewhere\",\"is_active\":true}")
            .expect(201);

    assertThat(created.client().path("pg_uri").isNull()).isTrue();
    assertThat(created.client().path("pg_uri_env_var").asText())
        .isEqualTo("ATHENA_TEST_SURELY_UNSET_URI");
    assertResolves("x", ErrorCode.CLIENT_NOT_FOUND);
    assertThat(athena.clients().state("x").orElseThrow().problem()).isPresent();
  }

  @Test
  void duplicatesAndConfiguredNamesAreConflicts() {
    create("orders", "fake://orders").expect(201);

    create("orders", "fake://other").error(409, ErrorCode.CLIENT_EXISTS);
    create("cfg", "fake://other").error(409, ErrorCode.CLIENT_EXISTS);
    assertThat(backend.registered()).containsExactly(Map.entry("orders", "fake://orders"));
  }

  @Test
  void patchChangesDescriptionUriAndActivity() {
    create("orders", "fake://old").expect(201);

    Answer patched =
        call(
                "PATCH",
                "/admin/clients/orders",
                "{\"description\":\"moved\",\"pg_uri\":\"fake://new\"}")
            .expect(200);
    assertThat(patched.client().path("description").asText()).isEqualTo("moved");
    assertThat(backend.registered()).containsEntry("orders", "fake://new");

    call("PATCH", "/admin/clients/orders", "{\"is_active\":false}").expect(200);
    assertResolves("orders", ErrorCode.CLIENT_NOT_FOUND);
    call("PATCH", "/admin/clients/orders", "{\"is_active\":true,\"description\":null}").expect(200);
    assertResolves("orders", null);
    assertThat(catalog.rows.get("orders").orElseThrow().description()).isNull();

    call("PATCH", "/admin/clients/orders", "{}").error(400, ErrorCode.INVALID_REQUEST);
    call("PATCH", "/admin/clients/orders", "{\"pg_uri\":\"fake://bad\"}")
        .error(400, ErrorCode.INVALID_REQUEST);
    call("PATCH", "/admin/clients/ghost", "{\"is_active\":true}")
        .error(404, ErrorCode.CLIENT_NOT_FOUND);
  }

  @Test
  void aConfiguredClientCanBeDeactivatedButNotMovedOrDeleted() {
    call("PATCH", "/admin/clients/cfg", "{\"pg_uri\":\"fake://x\"}")
        .error(409, ErrorCode.CLIENT_IN_CONFIG);
    call("DELETE", "/admin/clients/cfg", null).error(409, ErrorCode.CLIENT_IN_CONFIG);

    Answer override = call("PATCH", "/admin/clients/cfg", "{\"is_active\":false}").expect(200);

    assertThat(override.client().path("pg_uri").isNull()).isTrue();
    assertResolves("cfg", ErrorCode.CLIENT_NOT_FOUND);
    call("PATCH", "/admin/clients/cfg", "{\"is_active\":true}").expect(200);
    assertResolves("cfg", null);
  }

  @Test
  @DisplayName("DELETE soft-deletes: the client leaves routing, the row stays, the name can return")
  void deleteIsSoft() {
    create("orders", "fake://orders").expect(201);

    Answer deleted = call("DELETE", "/admin/clients/orders", null).expect(200);

    assertThat(deleted.client().path("is_deleted").asBoolean()).isTrue();
    assertResolves("orders", ErrorCode.CLIENT_NOT_FOUND);
    assertThat(backend.registered()).doesNotContainKey("orders");
    call("DELETE", "/admin/clients/orders", null).error(404, ErrorCode.CLIENT_NOT_FOUND);
    call("PUT", "/admin/clients/orders/freeze", "{\"is_frozen\":true}")
        .error(404, ErrorCode.CLIENT_NOT_FOUND);
    assertThat(call("GET", "/admin/clients", null).body().path("data").path("clients")).isEmpty();
    JsonNode withDeleted =
        call("GET", "/admin/clients", null, admin(), Map.of("include_deleted", List.of("true")))
            .body()
            .path("data")
            .path("clients");
    assertThat(withDeleted).extracting(r -> r.path("is_deleted").asBoolean()).containsExactly(true);

    create("orders", "fake://again").expect(201);
    assertResolves("orders", null);
  }

  @Test
  void freezeWorksForCatalogAndConfiguredClients() {
    create("orders", "fake://orders").expect(201);

    Answer frozen = call("PUT", "/admin/clients/orders/freeze", "{\"is_frozen\":true}").expect(200);
    call("PUT", "/admin/clients/cfg/freeze", "{\"is_frozen\":true}").expect(200);

    assertThat(frozen.client().path("is_frozen").asBoolean()).isTrue();
    assertResolves("orders", ErrorCode.CLIENT_FROZEN);
    assertResolves("cfg", ErrorCode.CLIENT_FROZEN);
    call("PUT", "/admin/clients/cfg/freeze", "{\"is_frozen\":false}").expect(200);
    assertResolves("cfg", null);
    call("PUT", "/admin/clients/cfg/freeze", "{}").error(400, ErrorCode.INVALID_REQUEST);
    call("PUT", "/admin/clients/ghost/freeze", "{\"is_frozen\":true}")
        .error(404, ErrorCode.CLIENT_NOT_FOUND);
  }

  @Test
  @DisplayName("a frozen client's gateway request is refused before its body is read")
  void frozenBeforeBody() {
    call("PUT", "/admin/clients/cfg/freeze", "{\"is_frozen\":true}").expect(200);

    Answer answer =
        call(
            "POST",
            "/gateway/fetch",
            "this is not JSON",
            new Headers().set("X-Athena-Client", "cfg").set("Content-Type", "application/json"));

    answer.error(403, ErrorCode.CLIENT_FROZEN);
  }

  @Test
  void anUnavailableCatalogIsA503() {
    catalog.down(true);

    for (Answer answer :
        List.of(
            call("GET", "/admin/clients", null),
            create("orders", "fake://orders"),
            call("PUT", "/admin/clients/cfg/freeze", "{\"is_frozen\":true}"))) {
      answer.error(503, ErrorCode.CATALOG_UNAVAILABLE);
    }
    assertResolves("cfg", null);
  }

  @Test
  void adminRoutesNeedTheAdminKey() {
    call("GET", "/admin/clients", null, new Headers()).expect(401);
  }
}
