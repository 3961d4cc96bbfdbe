package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.config.AdmissionConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.OverloadAction;
import io.athena.core.config.Secret;
import io.athena.servlet.Http.Reply;
import io.athena.spi.jobs.JobId;
import io.micrometer.core.instrument.Counter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deferral through the real servlet stack: admission allows one request at a time and defers the
 * rest; a slow query holds the one slot by waiting on an advisory lock the test holds.
 */
class DeferredRequestsIT {
  private static final String ADMIN = "it-admin-key-deferred-0123456789";
  private static final long LOCK = 4242;
  private static final String SLOW_QUERY =
      "{\"query\":\"SELECT count(*) AS waited FROM (SELECT pg_advisory_xact_lock("
          + LOCK
          + ")) AS l\"}";
  private static final String FETCH = "{\"table_name\":\"items\",\"sort_by\":{\"field\":\"id\"}}";

  @RegisterExtension
  static final AthenaStack stack =
      AthenaStack.builder()
          .schema(
              "CREATE TABLE items (id int PRIMARY KEY, name text);"
                  + " INSERT INTO items VALUES (1, 'one'), (2, 'two');")
          .configure(
              c ->
                  new io.athena.core.config.AthenaConfig(
                          c.server(),
                          new GatewayConfig(
                              Optional.of(Secret.of(ADMIN)),
                              GatewayConfig.DEFAULT_SCHEMA,
                              GatewayConfig.DEFAULT_CATALOG_CACHE_TTL),
                          c.postgresClients())
                      .withAdmission(
                          new AdmissionConfig(1, 0, OverloadAction.DEFER, Duration.ofHours(1))))
          .build();

  private static Http http() {
    return stack.http();
  }

  @Test
  @DisplayName(
      "under overload a request is deferred with 202 and polled to the synchronous envelope")
  void deferredUnderOverloadCompletesWithTheSameEnvelope() throws Exception {
    Reply deferred;
    try (Connection lock = lock()) {
      CompletableFuture<Reply> slow =
          CompletableFuture.supplyAsync(() -> http().post("/gateway/query", SLOW_QUERY));
      await().until(() -> stack.athena().admission().running() == 1);

      deferred = http().fetch(FETCH).expect(202);
      assertThat(deferred.header("Retry-After")).hasValue("1");
      JsonNode data = deferred.data();
      assertThat(deferred.json().path("message").asText()).isEqualTo("Request deferred");
      assertThat(data.path("status").asText()).isEqualTo("queued");
      assertThat(deferred.header("Location"))
          .hasValue(http().mountPath() + "/gateway/deferred/" + data.path("request_id").asText());

      unlock(lock);
      slow.get().expect(200);
    }
    JsonNode done =
        pollUntil(deferred.header("Location").map(http()::belowMount).orElseThrow(), "completed");
    JsonNode synchronous = http().fetch(FETCH).expect(200).json();
    assertThat(done.path("status_code").asInt()).isEqualTo(200);
    assertThat(done.path("result")).isEqualTo(synchronous);
    assertThat(done.path("created_at").asText()).isNotBlank();
    assertThat(done.path("updated_at").asText()).isNotBlank();
    assertThat(counter("deferred")).isGreaterThanOrEqualTo(1);
    assertThat(counter("admitted")).isGreaterThanOrEqualTo(2);
  }

  @Test
  @DisplayName("Prefer: respond-async defers even with the slot free")
  void preferRespondAsyncDefers() {
    Reply reply = http().fetch(FETCH, "Prefer", "respond-async, wait=5").expect(202);
    JsonNode done =
        pollUntil(reply.header("Location").map(http()::belowMount).orElseThrow(), "completed");
    assertThat(done.path("result").path("data")).hasSize(2);
  }

  @Test
  @DisplayName("a bad body is answered 400 at once, not deferred")
  void badBodyIsNotDeferred() {
    Reply reply = http().fetch("{\"columns\":[\"id\"]}", "Prefer", "respond-async").expect(400);
    assertThat(reply.json().path("code").asText()).isEqualTo("invalid_request");
  }

  @Test
  @DisplayName("an unknown deferred id is 404 deferred_request_not_found, not route_not_found")
  void unknownIdIs404() {
    for (String id : new String[] {JobId.random().value(), "not-a-uuid"}) {
      Reply reply = http().get("/gateway/deferred/" + id).expect(404);
      assertThat(reply.json().path("code").asText()).isEqualTo("deferred_request_not_found");
    }
  }

  @Test
  @DisplayName("a job of another family is not readable as a deferred request")
  void otherFamiliesAreHidden() {
    var job =
        stack.athena().jobs().submit(io.athena.spi.jobs.JobRequest.of("email", "{\"to\":\"x\"}"));
    http().get("/gateway/deferred/" + job.id().value()).expect(404);
  }

  @Test
  @DisplayName("a cancelled deferred request can be requeued and then completes")
  void requeueAfterCancel() throws Exception {
    String location;
    try (Connection lock = lock()) {
      location =
          http()
              .post("/gateway/query", SLOW_QUERY, "Prefer", "respond-async")
              .expect(202)
              .header("Location")
              .map(http()::belowMount)
              .orElseThrow();
      pollUntil(location, "running");
      JobId id = new JobId(location.substring(location.lastIndexOf('/') + 1));
      assertThat(stack.athena().jobs().cancel(id)).isTrue();
      pollUntil(location, "cancelled");
      unlock(lock);
    }
    Reply requeued = http().post(location + "/requeue", null).expect(200);
    assertThat(requeued.data().path("status").asText()).isIn("queued", "running", "completed");
    JsonNode done = pollUntil(location, "completed");
    assertThat(done.path("result").path("data").get(0).path("waited").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("requeueing a completed request is 400")
  void requeueCompletedIs400() {
    String location =
        http()
            .fetch(FETCH, "Prefer", "respond-async")
            .expect(202)
            .header("Location")
            .map(http()::belowMount)
            .orElseThrow();
    pollUntil(location, "completed");
    http().post(location + "/requeue", null).expect(400);
  }

  @Test
  @DisplayName("GET / lists the deferred routes")
  void deferredRoutesAreListed() {
    JsonNode routes = http().get("/").expect(200).json().path("routes");
    assertThat(routes.toString())
        .contains("/gateway/deferred/{request_id}")
        .contains("/gateway/deferred/{request_id}/requeue");
  }

  private static JsonNode pollUntil(String location, String status) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> http().get(location).expect(200).data(),
            d -> d.path("status").asText().equals(status));
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

  /** Holds the advisory lock the slow query waits for; closing the connection releases it. */
  private static Connection lock() throws SQLException {
    Connection c = stack.database().getConnection();
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
    }
    return c;
  }

  private static void unlock(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
    }
  }
}
