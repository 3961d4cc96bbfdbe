package io.athena.postgres;

import static io.athena.postgres.PostgresIt.assertGatewayError;
import static io.athena.postgres.PostgresIt.column;
import static io.athena.postgres.PostgresIt.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.OperationResult;
import io.athena.spi.QueryRequest;
import io.athena.spi.RawJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RawQueryIT {
  private static final String SCHEMA =
      """
      CREATE TABLE notes (id serial PRIMARY KEY, body text, data jsonb);
      INSERT INTO notes (body, data) VALUES ('one', '{"k":1}'), ('two', '{"j":2}');
      CREATE SCHEMA tenant;
      CREATE TABLE tenant.notes (id int, body text);
      INSERT INTO tenant.notes VALUES (1, 'tenant note');
      """;

  private static PostgresBackend backend;
  private static PostgresBackend impatient;

  @BeforeAll
  static void start() {
    String uri = PostgresIt.freshDatabase(PostgresIt.server(), "raw_it", SCHEMA);
    backend = PostgresIt.backend("app", uri, Duration.ofSeconds(30));
    impatient = PostgresIt.backend("impatient", uri, Duration.ofMillis(200));
  }

  @AfterAll
  static void stop() {
    backend.close();
    impatient.close();
  }

  private static OperationResult query(String sql, Object... params) {
    return backend.execute("app", new QueryRequest(sql, null, Arrays.asList(params)));
  }

  @Test
  void bindsPositionalParamsAndLetsPostgresInferTheirTypes() {
    List<Map<String, Object>> rows =
        rows(query("SELECT id, body FROM notes WHERE id = $1 OR body = $2 ORDER BY id", 2L, "one"));

    assertThat(column(rows, "body")).containsExactly("one", "two");
  }

  @Test
  void aPlaceholderUsedTwiceIsBoundTwice() {
    Map<String, Object> row =
        rows(query("SELECT $1::int + $1::int AS twice, $2 AS s", 21L, "x")).get(0);

    assertThat(row).containsEntry("twice", 42).containsEntry("s", "x");
  }

  @Test
  void typedAndNullParams() {
    Map<String, Object> row =
        rows(query(
                "SELECT $1 AS n, $2 AS d, $3::boolean AS b, $4::text IS NULL AS isnull,"
                    + " $5::jsonb AS j",
                7L,
                new BigDecimal("1.50"),
                true,
                null,
                Map.of("a", List.of(1, 2))))
            .get(0);

    assertThat(row)
        .containsEntry("n", 7L)
        .containsEntry("d", new BigDecimal("1.50"))
        .containsEntry("b", true)
        .containsEntry("isnull", true)
        .containsEntry("j", new RawJson("{\"a\": [1, 2]}"));
  }

  @Test
  void placeholdersInsideLiteralsAndJsonbQuestionMarksAreLeftAlone() {
    Map<String, Object> row =
        rows(query("SELECT '$1 ?' AS lit, data ? 'k' AS has_k FROM notes WHERE id = $1", 1L))
            .get(0);

    assertThat(row).containsEntry("lit", "$1 ?").containsEntry("has_k", true);
  }

  @Test
  void schemaPutsThatSchemaFirstOnTheSearchPathForThisQueryOnly() {
    List<Map<String, Object>> tenant =
        rows(
            backend.execute(
                "app", new QueryRequest("SELECT body FROM notes", "tenant", List.of())));
    List<Map<String, Object>> plain = rows(query("SELECT body FROM notes ORDER BY id"));

    assertThat(column(tenant, "body")).containsExactly("tenant note");
    assertThat(column(plain, "body")).containsExactly("one", "two");
  }

  @Test
  void multipleStatementsRunInOrderAndReturnTheLastResult() {
    OperationResult result =
        query(
            "CREATE TEMP TABLE t (x int) ON COMMIT DROP; INSERT INTO t VALUES (1), (2), (3);"
                + " UPDATE t SET x = x * 10 WHERE x > 1; SELECT x FROM t ORDER BY x;");
    long affected = result.affectedRows();
    int statements = result.statementCount();

    assertThat(column(rows(result), "x")).containsExactly(1, 20, 30);
    assertThat(statements).isEqualTo(4);
    assertThat(affected).isEqualTo(5);
  }

  @Test
  void aWriteWithoutRowsReportsItsUpdateCount() {
    OperationResult result = query("UPDATE notes SET body = body WHERE id <= $1", 2L);

    assertThat(result.affectedRows()).isEqualTo(2);
    assertThat(rows(result)).isEmpty();
  }

  @Test
  void paramsWithSeveralStatementsOrMissingParamsAreInvalidRequests() {
    assertGatewayError(() -> query("SELECT $1; SELECT 2", 1L), ErrorCode.INVALID_REQUEST);
    assertGatewayError(() -> query("SELECT $2", 1L), ErrorCode.INVALID_REQUEST);
    assertGatewayError(() -> query("  ;  "), ErrorCode.INVALID_REQUEST);
  }

  @Test
  void errorsOfTheCallersSqlAreQueryFailed() {
    GatewayException syntax = assertGatewayError(() -> query("SELEC 1"), ErrorCode.QUERY_FAILED);
    assertThat(syntax.details()).containsEntry("sqlstate", "42601");
    assertGatewayError(() -> query("SELECT * FROM missing"), ErrorCode.UNKNOWN_TABLE);
    assertGatewayError(() -> query("SELECT nope FROM notes"), ErrorCode.UNKNOWN_COLUMN);
    assertGatewayError(() -> query("SELECT 1/0"), ErrorCode.INVALID_VALUE);
  }

  @Test
  void aFailedMultiStatementQueryRollsBackItsEarlierStatements() {
    assertGatewayError(
        () -> query("INSERT INTO notes (body) VALUES ('doomed'); SELECT 1/0"),
        ErrorCode.INVALID_VALUE);

    assertThat(rows(query("SELECT count(*) AS n FROM notes WHERE body = 'doomed'")).get(0))
        .containsEntry("n", 0L);
  }

  @Test
  void aStatementPastTheTimeoutIsA503WithRetryAfter() {
    long start = System.nanoTime();
    GatewayException e =
        assertGatewayError(
            () ->
                impatient.execute(
                    "impatient", new QueryRequest("SELECT pg_sleep(2)", null, List.of())),
            ErrorCode.STATEMENT_TIMEOUT);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1900));
    assertThat(e.errorCode().httpStatus()).isEqualTo(503);
    assertThat(e.retryAfterSeconds()).isEqualTo(1);
    assertThat(e.details()).containsEntry("sqlstate", "57014");
  }
}
