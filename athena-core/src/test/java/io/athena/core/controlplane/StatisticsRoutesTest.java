package io.athena.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.Athena;
import io.athena.core.jobs.AdminCalls;
import io.athena.core.jobs.AdminCalls.Answer;
import io.athena.spi.telemetry.ClientStatistics;
import io.athena.spi.telemetry.RequestLogEntry;
import io.athena.spi.telemetry.RequestLogQuery;
import io.athena.spi.telemetry.TableStatistics;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatisticsRoutesTest {
  private static final Instant T = Instant.parse("2030-01-02T03:04:05.123456Z");

  private final FakeControlPlane controlPlane = new FakeControlPlane();
  private final Athena athena =
      Athena.builder().config(AdminCalls.adminConfig()).controlPlane(controlPlane).build();
  private final AdminCalls admin = new AdminCalls(athena.router());

  @AfterEach
  void close() {
    athena.close();
  }

  @Test
  @DisplayName("GET /admin/clients/statistics lists every client's counters in snake_case")
  void listsEveryClient() {
    controlPlane.clients.put("billing", new ClientStatistics("billing", 10, 7, 3, 4, T));
    controlPlane.clients.put("reports", ClientStatistics.none("reports"));

    Answer answer = admin.get("/admin/clients/statistics");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode first = answer.data().path("statistics").get(0);
    assertThat(first.toString())
        .isEqualTo(
            "{\"client_name\":\"billing\",\"total_requests\":10,\"successful_requests\":7,"
                + "\"failed_requests\":3,\"total_cached_requests\":4,"
                + "\"last_request_at\":\"2030-01-02T03:04:05.123456Z\"}");
    assertThat(answer.data().path("statistics").get(1).path("last_request_at").isNull()).isTrue();
  }

  @Test
  @DisplayName("GET /admin/clients/{name}/statistics answers the counters and the tables")
  void showsOneClientWithItsTables() {
    controlPlane.clients.put("billing", new ClientStatistics("billing", 10, 7, 3, 4, T));
    controlPlane.tables.put(
        "billing",
        List.of(
            new TableStatistics("invoices", "fetch", 6, 1, T),
            new TableStatistics("invoices", "insert", 2, 2, T)));

    Answer answer = admin.get("/admin/clients/billing/statistics");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.data().path("statistics").path("total_requests").asLong()).isEqualTo(10);
    assertThat(answer.data().path("tables").get(1).toString())
        .isEqualTo(
            "{\"table_name\":\"invoices\",\"operation\":\"insert\",\"total_operations\":2,"
                + "\"error_operations\":2,\"last_operation_at\":\"2030-01-02T03:04:05.123456Z\"}");
  }

  @Test
  @DisplayName("a name that is neither a client nor in the statistics is 404 client_not_found")
  void unknownClientIs404() {
    Answer answer = admin.get("/admin/clients/nobody/statistics");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().path("code").asText()).isEqualTo("client_not_found");
    assertThat(admin.get("/admin/clients/nobody/statistics/drilldown").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("the drilldown passes its filters on and answers rows with the contract's fields")
  void drilldownPassesFilters() {
    controlPlane.clients.put("billing", new ClientStatistics("billing", 1, 0, 1, 0, T));
    controlPlane.log.add(
        new RequestLogEntry(
            T,
            "req-1",
            "fetch",
            "invoices",
            "POST",
            "/gateway/fetch",
            400,
            12.5,
            "unknown_column",
            "Invalid request",
            "abc"));

    Answer answer =
        admin.get(
            "/admin/clients/billing/statistics/drilldown",
            "table_name",
            "invoices",
            "operation",
            "fetch",
            "status",
            "ERRORS",
            "limit",
            "10",
            "offset",
            "20");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(controlPlane.queries)
        .containsExactly(
            new RequestLogQuery(
                "billing", "invoices", "fetch", RequestLogQuery.Status.ERRORS, 10, 20));
    assertThat(answer.data().path("rows").get(0).toString())
        .isEqualTo(
            "{\"created_at\":\"2030-01-02T03:04:05.123456Z\",\"request_id\":\"req-1\","
                + "\"operation\":\"fetch\",\"table_name\":\"invoices\",\"method\":\"POST\","
                + "\"path\":\"/gateway/fetch\",\"status_code\":400,\"duration_ms\":12.5,"
                + "\"error\":true,\"error_code\":\"unknown_column\","
                + "\"message\":\"Invalid request\",\"cache_key\":\"abc\"}");
  }

  @Test
  @DisplayName("the drilldown defaults to every status, 50 rows, no offset")
  void drilldownDefaults() {
    controlPlane.clients.put("billing", ClientStatistics.none("billing"));
    assertThat(admin.get("/admin/clients/billing/statistics/drilldown").status()).isEqualTo(200);
    assertThat(controlPlane.queries)
        .containsExactly(
            new RequestLogQuery("billing", null, null, RequestLogQuery.Status.ALL, 50, 0));
  }

  @Test
  @DisplayName("a bad limit, offset, status or filter is 400 invalid_request naming the parameter")
  void drilldownValidatesItsParameters() {
    controlPlane.clients.put("billing", ClientStatistics.none("billing"));
    String path = "/admin/clients/billing/statistics/drilldown";
    assertBad(admin.get(path, "limit", "0"), "limit was '0' but must be a whole number 1..1000");
    assertBad(admin.get(path, "limit", "1001"), "limit was '1001'");
    assertBad(admin.get(path, "limit", "ten"), "limit was 'ten'");
    assertBad(admin.get(path, "offset", "-1"), "offset was '-1' but must be a whole number");
    assertBad(admin.get(path, "offset", "100001"), "offset was '100001'");
    assertBad(
        admin.get(path, "status", "failed"),
        "status was 'failed' but must be all, errors or normal");
    assertBad(admin.get(path, "table_name", "t".repeat(129)), "table_name was 'ttt");
    assertThat(controlPlane.queries).isEmpty();
  }

  @Test
  @DisplayName("a control plane that is down answers 503 database_unavailable with Retry-After")
  void controlPlaneDownIs503() {
    controlPlane.down = true;
    Answer answer = admin.get("/admin/clients/statistics");
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.body().path("code").asText()).isEqualTo("database_unavailable");
    assertThat(answer.body().path("error").asText()).doesNotContain("connection refused");
  }

  @Test
  @DisplayName("the routes need the admin key")
  void needsTheAdminKey() {
    assertThat(admin.withoutKey("GET", "/admin/clients/statistics").status()).isEqualTo(401);
  }

  private static void assertBad(Answer answer, String messageStart) {
    assertThat(answer.status()).as(messageStart).isEqualTo(400);
    assertThat(answer.body().path("code").asText()).isEqualTo("invalid_request");
    assertThat(answer.body().path("error").asText()).startsWith(messageStart);
  }
}
