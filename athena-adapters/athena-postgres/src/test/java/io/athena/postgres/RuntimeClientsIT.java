package io.athena.postgres;

import static io.athena.postgres.PostgresIt.assertGatewayError;
import static io.athena.postgres.PostgresIt.column;
import static io.athena.postgres.PostgresIt.fetch;
import static io.athena.postgres.PostgresIt.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.athena.spi.ErrorCode;
import io.athena.spi.OperationResult;
import io.athena.spi.RowStream;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients registered and unregistered while the backend runs ({@link
 * io.athena.spi.DynamicBackend}): each gets a pool of its own, and a pool that is let go is closed
 * only after the requests that hold its connections are done.
 */
class RuntimeClientsIT {
  private static final int ROWS = 3_000; // several fetch batches: the read holds a cursor open
  private static final String DDL =
      "CREATE TABLE items (id int PRIMARY KEY, name text);"
          + " INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, "
          + ROWS
          + ") g";

  private static PostgresBackend backend;
  private static String first;
  private static String second;

  @BeforeAll
  static void databases() {
    EmbeddedPostgresFixture pg = PostgresIt.server();
    String configured = PostgresIt.freshDatabase(pg, "runtime_configured", DDL);
    PostgresIt.freshDatabase(pg, "runtime_first", DDL);
    PostgresIt.freshDatabase(pg, "runtime_second", DDL + "; DELETE FROM items WHERE id > 1");
    // the embedded server trusts local connections, so the password is there only to be hidden
    first = "postgres://postgres:s3cret@localhost:" + pg.port() + "/runtime_first";
    second = "postgresql://postgres@localhost:" + pg.port() + "/runtime_second";
    backend = PostgresIt.backend("cfg", configured, Duration.ofSeconds(30));
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  /** Connections the server has open to {@code database}, from any pool. */
  private static int connectionsTo(String database) throws SQLException {
    try (Connection c = PostgresIt.server().dataSource("postgres").getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void postgresUrisAreSupportedAndCheckedWithoutConnecting() {
    assertThat(backend.supports("postgres://db/x")).isTrue();
    assertThat(backend.supports("POSTGRESQL://db/x")).isTrue();
    assertThat(backend.supports("jdbc:postgresql://db/x")).isTrue();
    assertThat(backend.supports("mysql://db/x")).isFalse();
    assertThatThrownBy(() -> backend.validate("postgres://u:hunter2@db/x?%zz=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void configuredClientsCannotBeReplacedOrRemoved() {
    assertThatThrownBy(() -> backend.register("cfg", second))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> backend.unregister("cfg")).isInstanceOf(IllegalStateException.class);
    assertThat(rows(backend.execute("cfg", fetch("items")))).hasSize(ROWS);
  }

  @Test
  void aRegisteredClientIsServedUntilUnregistered() {
    backend.register("served", second);

    assertThat(backend.clients()).containsExactly("cfg", "served");
    assertThat(column(rows(backend.execute("served", fetch("items"))), "name"))
        .containsExactly("item 1");

    backend.unregister("served");
    backend.unregister("served"); // a second time is a no-op
    assertThat(backend.clients()).containsExactly("cfg");
    assertGatewayError(() -> backend.execute("served", fetch("items")), ErrorCode.CLIENT_NOT_FOUND);
  }

  @Test
  void aReadInFlightFinishesAfterItsClientIsMovedAndTheOldPoolClosesAfterIt() throws Exception {
    backend.register("moving", first);
    OperationResult streaming = backend.execute("moving", fetch("items"));
    RowStream rows = streaming.rows();
    assertThat(rows.next()).isTrue();
    assertThat(connectionsTo("runtime_first")).isPositive();

    backend.register("moving", second); // the old pool retires
    assertThat(column(rows(backend.execute("moving", fetch("items"))), "id")).containsExactly(1);

    int read = 1;
    while (rows.next()) {
      read++;
    }
    assertThat(read).as("rows read through the retired pool").isEqualTo(ROWS);
    assertThat(connectionsTo("runtime_first")).as("closed only once idle").isPositive();
    streaming.close();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(connectionsTo("runtime_first")).isZero());
    backend.unregister("moving");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(connectionsTo("runtime_second")).isZero());
  }

  @Test
  void registeringAfterCloseFails() {
    PostgresBackend closed = PostgresBackend.builder().build();
    closed.close();

    assertThatThrownBy(() -> closed.register("late", second))
        .isInstanceOf(IllegalStateException.class);
  }
}
