package io.athena.postgres.controlplane;

import static io.athena.postgres.controlplane.ControlPlaneIt.count;
import static io.athena.postgres.controlplane.ControlPlaneIt.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.spi.telemetry.GatewayEvent;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The audit sink while its control plane is stopped: callers keep recording without noticing, what
 * does not fit the queue is dropped and counted, and the writer catches up after a restart.
 */
class AuditOutageIT {
  private static final String DATABASE = "control_plane";
  private static final int QUEUE = 500;
  private static final int BATCH = 50;

  private static EmbeddedPostgresFixture pg;

  @BeforeAll
  static void startPrivateServer() {
    pg = EmbeddedPostgresFixture.newInstance();
  }

  @AfterAll
  static void closePrivateServer() {
    pg.close();
  }

  private static PostgresControlPlane controlPlane(HikariDataSource pool, Duration closeTimeout) {
    return PostgresControlPlane.builder(pool)
        .auditQueueCapacity(QUEUE)
        .auditBatchSize(BATCH)
        .auditFlushInterval(Duration.ofMillis(10))
        .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .closeTimeout(closeTimeout)
        .build();
  }

  @Test
  @Timeout(120)
  @DisplayName("a stopped control plane drops and counts; after a restart new records land")
  void survivesAnOutage() throws Exception {
    ControlPlaneIt.freshDatabase(pg, DATABASE);
    try (HikariDataSource pool = ControlPlaneIt.quickFailingPool(pg, DATABASE, "outage")) {
      PostgresControlPlane controlPlane = controlPlane(pool, Duration.ofSeconds(30));
      PostgresAuditSink sink = controlPlane.auditSink();
      List<GatewayEvent> before = events(0, 100);
      before.forEach(sink::record);
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.written() == 100);

      pg.stop();
      List<GatewayEvent> during = events(100, 5000);
      PostgresAuditSinkIT.recordFromThreads(sink, during, 4); // returns: nobody waited
      assertThat(sink.dropped()).as("records beyond the queue").isPositive();
      assertThat(sink.queueDepth()).isLessThanOrEqualTo(QUEUE);
      assertThat(sink.written()).isEqualTo(100);

      pg.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> sink.queueDepth() == 0);
      List<GatewayEvent> after = events(5100, 200);
      after.forEach(sink::record);
      controlPlane.close();

      long offered = before.size() + during.size() + after.size();
      assertThat(sink.written() + sink.dropped())
          .as("every record accounted for")
          .isEqualTo(offered);
      long rows = count(pool, "SELECT count(*) FROM gateway_request_log");
      // a commit whose answer was lost in the shutdown is retried: at-least-once, by a batch
      assertThat(rows).isBetween(sink.written(), sink.written() + BATCH);
      assertThat(count(pool, "SELECT sum(total_requests) FROM client_statistics"))
          .as("statistics move with the rows, in the same transaction")
          .isEqualTo(rows);
      assertThat(
              count(pool, "SELECT count(*) FROM gateway_request_log WHERE request_id = 'req-5299'"))
          .as("the last record after the restart")
          .isEqualTo(1);
    }
  }

  @Test
  @Timeout(120)
  @DisplayName("closing while the control plane is down returns after the close timeout")
  void closeIsBoundedWhileDown() {
    ControlPlaneIt.freshDatabase(pg, DATABASE);
    try (HikariDataSource pool = ControlPlaneIt.quickFailingPool(pg, DATABASE, "close-down")) {
      PostgresControlPlane controlPlane = controlPlane(pool, Duration.ofMillis(300));
      PostgresAuditSink sink = controlPlane.auditSink();
      controlPlane.migrate();
      pg.stop();
      try {
        events(0, 120).forEach(sink::record);
        controlPlane.close();

        assertThat(sink.written()).isZero();
        assertThat(sink.dropped()).as("everything held or queued").isEqualTo(120);
        sink.record(event(999, "app", "users", "fetch", 200, "miss"));
        assertThat(sink.dropped()).isEqualTo(121);
      } finally {
        pg.start();
      }
    }
  }

  private static List<GatewayEvent> events(int first, int n) {
    List<GatewayEvent> events = new ArrayList<>(n);
    for (int i = first; i < first + n; i++) {
      events.add(event(i, i % 2 == 0 ? "billing" : "crm", "invoices", "fetch", 200, "miss"));
    }
    return events;
  }
}
