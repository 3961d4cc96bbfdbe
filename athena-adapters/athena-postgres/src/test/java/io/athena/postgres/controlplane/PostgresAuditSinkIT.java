package io.athena.postgres.controlplane;

import static io.athena.postgres.controlplane.ControlPlaneIt.column;
import static io.athena.postgres.controlplane.ControlPlaneIt.count;
import static io.athena.postgres.controlplane.ControlPlaneIt.event;
import static io.athena.postgres.controlplane.ControlPlaneIt.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.spi.telemetry.ClientStatistics;
import io.athena.spi.telemetry.GatewayEvent;
import io.athena.spi.telemetry.TableStatistics;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The audit sink against a live control plane: rows, statistics, batching. */
class PostgresAuditSinkIT {
  private static final EmbeddedPostgresFixture PG = EmbeddedPostgresFixture.shared();
  private static final String DATABASE = "control_plane_audit_it";

  private HikariDataSource pool;

  @BeforeEach
  void freshDatabase() {
    ControlPlaneIt.freshDatabase(PG, DATABASE);
    pool = ControlPlaneIt.pool(PG, DATABASE, "audit-it");
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  @Test
  @DisplayName("a recorded request lands with every audited field")
  void everyFieldLands() {
    PostgresControlPlane controlPlane = PostgresControlPlane.builder(pool).build();
    controlPlane.auditSink().record(event(7, "billing", "invoices", "fetch", 400, "hit_shared"));
    controlPlane.close();

    assertThat(
            column(
                pool,
                "SELECT concat_ws('|', created_at AT TIME ZONE 'UTC', request_id, client, method,"
                    + " path, status_code, duration_ms, table_name, operation, cache_outcome,"
                    + " user_id, org_id, company_id, api_key_id, error_code, message, cache_key,"
                    + " trace_id) FROM gateway_request_log"))
        .containsExactly(
            "2030-01-01 00:00:00.007|req-7|billing|POST|/gateway/fetch|400|8.5|invoices|fetch"
                + "|hit_shared|user-7|org-1|company-1|key-1|unknown_column|Invalid request|ck-7"
                + "|0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  @DisplayName("text with COPY's separators, backslashes, \\N and non-ASCII lands unchanged")
  void textLandsUnchanged() {
    String hostile = "a\tb\nc\rd\\e \\N \\\\t f\u00e9\uD83D\uDE00 ' \" ; -- %";
    PostgresControlPlane controlPlane = PostgresControlPlane.builder(pool).build();
    controlPlane.auditSink().record(ControlPlaneIt.eventHolding(hostile));
    controlPlane.auditSink().record(ControlPlaneIt.eventHolding(""));
    controlPlane.close();

    assertThat(column(pool, "SELECT path FROM gateway_request_log ORDER BY id"))
        .containsExactly("/gateway/" + hostile, "/gateway/");
    assertThat(column(pool, "SELECT message FROM gateway_request_log ORDER BY id"))
        .containsExactly(hostile, "");
    assertThat(column(pool, "SELECT user_id FROM gateway_request_log ORDER BY id"))
        .containsExactly(hostile, "");
  }

  @Test
  @DisplayName("a batch the control plane refuses is dropped and counted; the log goes on")
  void aRefusedBatchIsDroppedAndTheLogGoesOn() {
    PostgresControlPlane controlPlane =
        PostgresControlPlane.builder(pool).auditBatchSize(1).build();
    controlPlane.migrate();
    execute(
        pool,
        "ALTER TABLE gateway_request_log ADD CONSTRAINT no_refused"
            + " CHECK (path <> '/gateway/refused')");
    PostgresAuditSink sink = controlPlane.auditSink();
    for (int i = 0; i < 3; i++) { // more refusals than the pool has connections
      sink.record(ControlPlaneIt.eventHolding("refused"));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> sink.dropped() == 3);
    sink.record(ControlPlaneIt.eventHolding("accepted"));
    controlPlane.close();

    assertThat(sink.written()).isEqualTo(1);
    assertThat(column(pool, "SELECT path FROM gateway_request_log"))
        .containsExactly("/gateway/accepted");
    assertThat(count(pool, "SELECT sum(total_requests) FROM client_statistics"))
        .as("a dropped batch raises no statistics")
        .isEqualTo(1);
  }

  @Test
  @DisplayName("with a retention, rows older than it are pruned and the statistics stay")
  void rowsOlderThanTheRetentionArePruned() {
    PostgresControlPlane controlPlane =
        PostgresControlPlane.builder(pool)
            .requestLogRetention(Duration.ofDays(1))
            .clock(() -> ControlPlaneIt.T0.plus(Duration.ofDays(2)))
            .build();
    PostgresAuditSink sink = controlPlane.auditSink();
    sink.record(event(1, "app", "users", "fetch", 200, "miss")); // T0: two days old
    sink.record(
        event(2, "app", "users", "fetch", 200, "miss").toBuilder()
            .ts(ControlPlaneIt.T0.plus(Duration.ofHours(30))) // 18 hours old
            .requestId("recent")
            .build());
    controlPlane.close();

    assertThat(sink.pruned()).isEqualTo(1);
    assertThat(column(pool, "SELECT request_id FROM gateway_request_log"))
        .containsExactly("recent");
    assertThat(count(pool, "SELECT sum(total_requests) FROM client_statistics"))
        .as("the statistics are running totals")
        .isEqualTo(2);
  }

  @Test
  @DisplayName("without a retention every row is kept")
  void withoutARetentionEveryRowIsKept() {
    PostgresControlPlane controlPlane =
        PostgresControlPlane.builder(pool)
            .clock(() -> ControlPlaneIt.T0.plus(Duration.ofDays(3650)))
            .build();
    controlPlane.auditSink().record(event(1, "app", "users", "fetch", 200, "miss"));
    controlPlane.close();

    assertThat(controlPlane.auditSink().pruned()).isZero();
    assertThat(count(pool, "SELECT count(*) FROM gateway_request_log")).isEqualTo(1);
  }

  @Test
  @DisplayName("statistics from four threads' requests match the requests exactly")
  void statisticsMatchTheRequests() throws Exception {
    PostgresControlPlane controlPlane =
        PostgresControlPlane.builder(pool)
            .auditBatchSize(64)
            .auditFlushInterval(Duration.ofMillis(5))
            .build();
    List<GatewayEvent> events = ControlPlaneIt.mixedEvents(4000);
    recordFromThreads(controlPlane.auditSink(), events, 4);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> controlPlane.auditSink().written() == events.size());

    assertThat(controlPlane.auditSink().dropped()).isZero();
    assertThat(count(pool, "SELECT count(*) FROM gateway_request_log")).isEqualTo(4000);
    assertThat(controlPlane.statistics().clients())
        .containsExactlyElementsOf(expectedClients(events));
    for (ClientStatistics client : expectedClients(events)) {
      assertThat(controlPlane.statistics().tables(client.clientName()))
          .as("tables of %s", client.clientName())
          .containsExactlyElementsOf(expectedTables(events, client.clientName()));
    }
    controlPlane.close();
  }

  @Test
  @DisplayName("each batch raises the statistics with one statement, never one per request")
  void oneUpsertPerBatch() {
    PostgresControlPlane controlPlane =
        PostgresControlPlane.builder(pool)
            .auditQueueCapacity(5000)
            .auditBatchSize(100)
            .auditFlushInterval(Duration.ofMinutes(1)) // batches close only when full, or on close
            .build();
    controlPlane.migrate();
    execute(
        pool,
        "CREATE TABLE upserts (statements int NOT NULL, rows_changed int NOT NULL);"
            + " INSERT INTO upserts VALUES (0, 0);"
            + " CREATE FUNCTION count_statement() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$ BEGIN UPDATE upserts SET statements = statements + 1; RETURN NULL; END $$;"
            + " CREATE FUNCTION count_row() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$ BEGIN UPDATE upserts SET rows_changed = rows_changed + 1; RETURN NULL; END $$;"
            + " CREATE TRIGGER s AFTER INSERT ON client_statistics"
            + " FOR EACH STATEMENT EXECUTE FUNCTION count_statement();"
            + " CREATE TRIGGER r AFTER INSERT OR UPDATE ON client_statistics"
            + " FOR EACH ROW EXECUTE FUNCTION count_row();");
    List<GatewayEvent> events = ControlPlaneIt.mixedEvents(1000);
    events.forEach(controlPlane.auditSink()::record);
    controlPlane.close(); // writes the last batch

    assertThat(controlPlane.auditSink().written()).isEqualTo(1000);
    assertThat(count(pool, "SELECT statements FROM upserts"))
        .as("statements: one per batch of 100")
        .isEqualTo(10);
    assertThat(count(pool, "SELECT rows_changed FROM upserts"))
        .as("rows changed: one per client per batch")
        .isEqualTo(30);
    assertThat(count(pool, "SELECT sum(total_requests) FROM client_statistics")).isEqualTo(1000);
  }

  @Test
  @DisplayName("records after close are dropped and counted, never thrown")
  void recordAfterClose() {
    PostgresControlPlane controlPlane = PostgresControlPlane.builder(pool).build();
    controlPlane.close();
    controlPlane.auditSink().record(event(1, "app", "users", "fetch", 200, "miss"));
    controlPlane.auditSink().record(null);
    assertThat(controlPlane.auditSink().dropped()).isEqualTo(1);
    assertThat(controlPlane.auditSink().written()).isZero();
  }

  static void recordFromThreads(PostgresAuditSink sink, List<GatewayEvent> events, int threadCount)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(threadCount);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threadCount; t++) {
        int first = t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = first; i < events.size(); i += threadCount) {
                    sink.record(events.get(i));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** What client_statistics must hold for {@code events}, computed the obvious way. */
  static List<ClientStatistics> expectedClients(Collection<GatewayEvent> events) {
    Map<String, List<GatewayEvent>> byClient =
        events.stream().collect(Collectors.groupingBy(GatewayEvent::client));
    return byClient.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(
            e ->
                new ClientStatistics(
                    e.getKey(),
                    e.getValue().size(),
                    e.getValue().stream().filter(x -> x.statusCode() < 400).count(),
                    e.getValue().stream().filter(x -> x.statusCode() >= 400).count(),
                    e.getValue().stream().filter(x -> x.cache().startsWith("hit_")).count(),
                    e.getValue().stream()
                        .map(GatewayEvent::ts)
                        .max(Comparator.naturalOrder())
                        .orElseThrow()))
        .toList();
  }

  static List<TableStatistics> expectedTables(Collection<GatewayEvent> events, String client) {
    Function<GatewayEvent, String> key = e -> e.tableName() + " " + e.operation();
    Map<String, List<GatewayEvent>> byTable =
        events.stream()
            .filter(e -> e.client().equals(client) && e.tableName() != null)
            .collect(Collectors.groupingBy(key));
    return byTable.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(
            e -> {
              GatewayEvent any = e.getValue().get(0);
              return new TableStatistics(
                  any.tableName(),
                  any.operation(),
                  e.getValue().size(),
                  e.getValue().stream().filter(x -> x.statusCode() >= 400).count(),
                  e.getValue().stream()
                      .map(GatewayEvent::ts)
                      .max(Comparator.naturalOrder())
                      .orElseThrow());
            })
        .toList();
  }
}
