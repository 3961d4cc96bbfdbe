package io.athena.postgres;

import static io.athena.postgres.PostgresIt.column;
import static io.athena.postgres.PostgresIt.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.QueryRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Raw SQL marked read-only runs in a READ ONLY transaction and cannot write by any route. */
class ReadOnlyQueryIT {
  private static PostgresBackend backend;

  @BeforeAll
  static void start() {
    String uri =
        PostgresIt.freshDatabase(
            PostgresIt.server(),
            "read_only_it",
            "CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes VALUES (1, 'a');"
                + " CREATE SEQUENCE s;");
    backend = PostgresIt.backend("app", uri, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  private static QueryRequest readOnly(String sql) {
    return new QueryRequest(sql, null, List.of()).asReadOnly();
  }

  @Test
  void readsWork() {
    assertThat(
            column(
                rows(backend.execute("app", readOnly("/* hi */ (SELECT body FROM notes)"))),
                "body"))
        .containsExactly("a");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DELETE FROM notes",
        "SELECT 1; DELETE FROM notes",
        "COMMIT; DELETE FROM notes",
        "SET TRANSACTION READ WRITE; DELETE FROM notes",
        "WITH d AS (DELETE FROM notes RETURNING *) SELECT * FROM d",
        "EXPLAIN ANALYZE DELETE FROM notes",
        "SELECT nextval('s')",
        "-- SELECT\nTRUNCATE notes"
      })
  void writesAreForbidden(String sql) {
    assertThatThrownBy(() -> rows(backend.execute("app", readOnly(sql))))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThat(
            column(rows(backend.execute("app", readOnly("SELECT count(*) AS n FROM notes"))), "n"))
        .containsExactly(1L);
  }

  @Test
  void theSameSqlWritesWhenNotReadOnly() {
    rows(
        backend.execute(
            "app", new QueryRequest("UPDATE notes SET body = 'b' WHERE id = 1", null, List.of())));
    assertThat(column(rows(backend.execute("app", readOnly("SELECT body FROM notes"))), "body"))
        .containsExactly("b");
    rows(
        backend.execute(
            "app", new QueryRequest("UPDATE notes SET body = 'a' WHERE id = 1", null, List.of())));
  }
}
