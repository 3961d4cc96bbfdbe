package io.athena.postgres;

import static io.athena.postgres.PostgresIt.assertGatewayError;
import static io.athena.postgres.PostgresIt.column;
import static io.athena.postgres.PostgresIt.fetch;
import static io.athena.postgres.PostgresIt.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.Secret;
import io.athena.core.config.ServerConfig;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs on a private server so that stopping it leaves the shared one alone. */
class DatabaseDownIT {

  private static PostgresBackend backend(String uri) {
    PostgresClientConfig client =
        new PostgresClientConfig(
            "fragile", Secret.of(uri), 2, Duration.ofMillis(500), Duration.ofSeconds(5));
    return PostgresBackend.from(
        new AthenaConfig(
            ServerConfig.defaults(), GatewayConfig.defaults(), Map.of("fragile", client)));
  }

  // HikariCP backs off up to 5 s between failed connection attempts, so recovery is not instant
  private static List<Map<String, Object>> fetchWhenBack(PostgresBackend backend)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        return rows(backend.execute("fragile", fetch("items")));
      } catch (GatewayException e) {
        if (e.errorCode() != ErrorCode.DATABASE_UNAVAILABLE || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  @Test
  void aDownDatabaseAnswers503AndServiceResumesWhenItIsBack() throws InterruptedException {
    try (EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.newInstance()) {
      String uri = pg.createDatabase("app");
      PostgresIt.execute(
          pg, "app", "CREATE TABLE items (id int, name text); INSERT INTO items VALUES (1, 'up')");
      pg.stop();

      // the pool must start although the database is down
      try (PostgresBackend backend = backend(uri)) {
        GatewayException down =
            assertGatewayError(
                () -> backend.execute("fragile", fetch("items")), ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(down.errorCode().httpStatus()).isEqualTo(503);
        assertThat(down.retryAfterSeconds()).isEqualTo(5);
        assertThat(down.getMessage()).contains("'fragile'").doesNotContain("postgres://");

        pg.start();
        assertThat(column(fetchWhenBack(backend), "name")).containsExactly("up");

        pg.stop();
        assertGatewayError(
            () -> rows(backend.execute("fragile", fetch("items"))), ErrorCode.DATABASE_UNAVAILABLE);
      }
    }
  }
}
