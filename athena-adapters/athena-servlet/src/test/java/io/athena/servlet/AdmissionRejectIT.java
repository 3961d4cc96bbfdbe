package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.athena.core.config.AdmissionConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.OverloadAction;
import io.athena.core.config.Secret;
import io.athena.servlet.Http.Reply;
import io.micrometer.core.instrument.Counter;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Admission in reject mode, with API keys enforced: 429 over the limit, rights before deferral. */
class AdmissionRejectIT {
  private static final String ADMIN = "it-admin-key-admission-0123456789";
  private static final long LOCK = 4343;

  @RegisterExtension
  static final AthenaStack stack =
      AthenaStack.builder()
          .schema(
              "CREATE TABLE items (id int PRIMARY KEY, name text);"
                  + " INSERT INTO items VALUES (1, 'one');")
          .configure(
              c ->
                  new io.athena.core.config.AthenaConfig(
                          c.server(),
                          new GatewayConfig(
                              Optional.of(Secret.of(ADMIN)),
                              GatewayConfig.DEFAULT_SCHEMA,
                              GatewayConfig.DEFAULT_CATALOG_CACHE_TTL),
                          c.postgresClients())
                      .withSecurity(c.security().withEnforceApiKeys(true))
                      .withAdmission(
                          new AdmissionConfig(0, 1, OverloadAction.REJECT, Duration.ofHours(1))))
          .build();

  private static String all;
  private static String readOnly;

  @BeforeAll
  static void keys() {
    all = createKey("{\"name\":\"all\",\"rights\":[\"*\"]}");
    readOnly = createKey("{\"name\":\"reader\",\"rights\":[\"items.read\"]}");
  }

  private static String createKey(String json) {
    Reply reply =
        stack.http().post("/admin/api-keys", json, "X-Athena-Admin-Key", ADMIN).expect(201);
    return reply.data().get("key").asText();
  }

  @Test
  @DisplayName("over the per-client limit a request is rejected 429 overloaded with Retry-After")
  void overloadIsRejected() throws Exception {
    String slow =
        "{\"query\":\"SELECT count(*) AS n FROM (SELECT pg_advisory_xact_lock(" + LOCK + ")) l\"}";
    try (Connection c = stack.database().getConnection();
        Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
      CompletableFuture<Reply> holder =
          CompletableFuture.supplyAsync(
              () -> stack.http().post("/gateway/query", slow, "X-Athena-Key", all));
      await().until(() -> stack.athena().admission().running(AthenaStack.CLIENT) == 1);

      Reply rejected =
          stack.http().fetch("{\"table_name\":\"items\"}", "X-Athena-Key", all).expect(429);
      assertThat(rejected.json().path("code").asText()).isEqualTo("overloaded");
      assertThat(rejected.header("Retry-After")).hasValue("1");

      s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
      holder.get().expect(200);
    }
    await().until(() -> stack.athena().admission().running() == 0);
    stack.http().fetch("{\"table_name\":\"items\"}", "X-Athena-Key", all).expect(200);
    assertThat(counter("rejected")).isEqualTo(1.0);
  }

  @Test
  @DisplayName("a deferred write without the write right is 403 at once, and nothing is queued")
  void rightsAreCheckedBeforeDeferral() {
    long before =
        stack.athena().jobs().depth().values().stream()
            .flatMap(m -> m.values().stream())
            .mapToLong(Long::longValue)
            .sum();
    Reply reply =
        stack
            .http()
            .put(
                "/gateway/insert",
                "{\"table_name\":\"items\",\"insert_body\":{\"id\":9,\"name\":\"n\"}}",
                "X-Athena-Key",
                readOnly,
                "Prefer",
                "respond-async")
            .expect(403);
    assertThat(reply.json().path("code").asText()).isEqualTo("forbidden");
    long after =
        stack.athena().jobs().depth().values().stream()
            .flatMap(m -> m.values().stream())
            .mapToLong(Long::longValue)
            .sum();
    assertThat(after).isEqualTo(before);
  }

  @Test
  @DisplayName("a deferred request is readable only with the key that made it")
  void onlyTheOwnerReadsTheResult() {
    String location =
        stack
            .http()
            .fetch(
                "{\"table_name\":\"items\"}", "X-Athena-Key", readOnly, "Prefer", "respond-async")
            .expect(202)
            .header("Location")
            .map(stack.http()::belowMount)
            .orElseThrow();
    await()
        .until(
            () -> stack.http().get(location, "X-Athena-Key", readOnly).expect(200).data(),
            d -> d.path("status").asText().equals("completed"));
    stack.http().get(location, "X-Athena-Key", all).expect(404);
    stack.http().get(location).expect(401);
  }

  private static double counter(String decision) {
    Counter counter =
        stack
            .athena()
            .meterRegistry()
            .find("athena.admission.decisions")
            .tags("client", AthenaStack.CLIENT, "decision", decision)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
