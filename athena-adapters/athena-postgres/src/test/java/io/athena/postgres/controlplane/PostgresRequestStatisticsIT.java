package io.athena.postgres.controlplane;

import static io.athena.postgres.controlplane.ControlPlaneIt.T0;
import static io.athena.postgres.controlplane.ControlPlaneIt.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.spi.telemetry.ClientStatistics;
import io.athena.spi.telemetry.ControlPlaneUnavailableException;
import io.athena.spi.telemetry.RequestLogEntry;
import io.athena.spi.telemetry.RequestLogQuery;
import io.athena.spi.telemetry.RequestLogQuery.Status;
import io.athena.spi.telemetry.TableStatistics;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The statistics and the drilldown read back from what the audit sink wrote. */
class PostgresRequestStatisticsIT {
  private static final EmbeddedPostgresFixture PG = EmbeddedPostgresFixture.shared();
  private static final String DATABASE = "control_plane_statistics_it";

  private static HikariDataSource pool;
  private static PostgresRequestStatistics statistics;

  /** billing: 12 requests (invoices fetch/insert, users fetch), every 4th failing; crm: 2. */
  @BeforeAll
  static void recordRequests() {
    ControlPlaneIt.freshDatabase(PG, DATABASE);
    pool = ControlPlaneIt.pool(PG, DATABASE, "statistics-it");
    PostgresControlPlane controlPlane = PostgresControlPlane.builder(pool).build();
    for (int i = 0; i < 12; i++) {
      String table = i < 8 ? "invoices" : "users";
      String operation = i < 8 && i % 2 == 1 ? "insert" : "fetch";
      controlPlane
          .auditSink()
          .record(event(i, "billing", table, operation, i % 4 == 3 ? 500 : 200, "miss"));
    }
    controlPlane.auditSink().record(event(100, "crm", "deals", "fetch", 200, "hit_local"));
    controlPlane.auditSink().record(event(101, "crm", null, "query", 200, "none"));
    controlPlane.close();
    statistics = PostgresControlPlane.builder(pool).build().statistics();
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  private static List<String> requestIds(RequestLogQuery query) {
    return statistics.requests(query).stream().map(RequestLogEntry::requestId).toList();
  }

  @Test
  @DisplayName("client counters, by name")
  void clients() {
    assertThat(statistics.clients())
        .containsExactly(
            new ClientStatistics("billing", 12, 9, 3, 0, T0.plusMillis(11)),
            new ClientStatistics("crm", 2, 2, 0, 1, T0.plusMillis(101)));
    assertThat(statistics.client("crm")).contains(statistics.clients().get(1));
    assertThat(statistics.client("nobody")).isEmpty();
  }

  @Test
  @DisplayName("table counters by table then operation; raw queries have none")
  void tables() {
    assertThat(statistics.tables("billing"))
        .containsExactly(
            new TableStatistics("invoices", "fetch", 4, 0, T0.plusMillis(6)),
            new TableStatistics("invoices", "insert", 4, 2, T0.plusMillis(7)),
            new TableStatistics("users", "fetch", 4, 1, T0.plusMillis(11)));
    assertThat(statistics.tables("crm"))
        .extracting(TableStatistics::tableName)
        .containsExactly("deals");
  }

  @Test
  @DisplayName("the drilldown is newest first and filters by table, operation and status")
  void drilldownFilters() {
    assertThat(requestIds(new RequestLogQuery("billing", null, null, Status.ALL, 3, 0)))
        .containsExactly("req-11", "req-10", "req-9");
    assertThat(requestIds(new RequestLogQuery("billing", "invoices", "insert", Status.ALL, 50, 0)))
        .containsExactly("req-7", "req-5", "req-3", "req-1");
    assertThat(requestIds(new RequestLogQuery("billing", null, null, Status.ERRORS, 50, 0)))
        .containsExactly("req-11", "req-7", "req-3");
    assertThat(requestIds(new RequestLogQuery("billing", "invoices", null, Status.NORMAL, 50, 0)))
        .containsExactly("req-6", "req-5", "req-4", "req-2", "req-1", "req-0");
    assertThat(requestIds(new RequestLogQuery("billing", null, "fetch", Status.ALL, 2, 3)))
        .containsExactly("req-8", "req-6");
    assertThat(requestIds(new RequestLogQuery("billing", "deals", null, Status.ALL, 50, 0)))
        .isEmpty();
  }

  @Test
  @DisplayName("a drilldown row carries what the contract shows")
  void drilldownRow() {
    RequestLogEntry failed =
        statistics.requests(new RequestLogQuery("billing", null, null, Status.ERRORS, 1, 0)).get(0);
    assertThat(failed)
        .isEqualTo(
            new RequestLogEntry(
                T0.plusMillis(11),
                "req-11",
                "fetch",
                "users",
                "POST",
                "/gateway/fetch",
                500,
                12.5,
                "unknown_column",
                "Invalid request",
                "ck-11"));
    assertThat(failed.error()).isTrue();
  }

  @Test
  @DisplayName("the drilldown of one client's table walks the client's index, newest first")
  void drilldownUsesItsIndex() {
    ControlPlaneIt.execute(pool, "SET enable_seqscan = off"); // a 14-row table is otherwise scanned
    List<String> plan =
        ControlPlaneIt.column(
            pool,
            "EXPLAIN SELECT created_at FROM gateway_request_log WHERE client = 'billing' AND"
                + " table_name = 'invoices' AND operation = 'fetch' ORDER BY created_at DESC,"
                + " id DESC LIMIT 50");
    assertThat(String.join("\n", plan))
        .contains("gateway_request_log_client_newest")
        .as("ordered by the index, never sorted")
        .doesNotContain("Sort");
  }

  @Test
  @DisplayName("a control plane that is down throws ControlPlaneUnavailableException")
  void unavailable() {
    try (EmbeddedPostgresFixture down = EmbeddedPostgresFixture.newInstance()) {
      down.createDatabase("statistics");
      try (HikariDataSource downPool =
          ControlPlaneIt.quickFailingPool(down, "statistics", "stats-down")) {
        down.stop();
        PostgresRequestStatistics dead =
            PostgresControlPlane.builder(downPool).build().statistics();
        assertThatThrownBy(dead::clients)
            .isInstanceOf(ControlPlaneUnavailableException.class)
            .hasMessageStartingWith("Control plane could not read the client statistics");
      }
    }
  }
}
