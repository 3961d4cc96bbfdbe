package io.athena.postgres;

import static io.athena.postgres.PostgresIt.assertGatewayError;
import static io.athena.postgres.PostgresIt.column;
import static io.athena.postgres.PostgresIt.fetch;
import static io.athena.postgres.PostgresIt.fetchPage;
import static io.athena.postgres.PostgresIt.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.Condition;
import io.athena.spi.Condition.AnyOf;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.Condition.Not;
import io.athena.spi.CountMode;
import io.athena.spi.ErrorCode;
import io.athena.spi.FetchRequest;
import io.athena.spi.GatewayException;
import io.athena.spi.OperationResult;
import io.athena.spi.Operator;
import io.athena.spi.RawJson;
import io.athena.spi.SortKey;
import io.athena.spi.TableRef;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FetchIT {
  private static final String DB = "fetch_it";
  private static final String SCHEMA =
      """
      CREATE TYPE mood AS ENUM ('happy', 'sad');
      CREATE TABLE items (
        id serial PRIMARY KEY, name text NOT NULL, code varchar(20), price numeric(10,2),
        qty int8, ratio float8, tags text[], scores int4[], meta jsonb, doc json, uid uuid,
        created_at timestamptz, day date, local_at timestamp, active boolean, blob bytea,
        during tstzrange, "Order" int, mood mood);
      INSERT INTO items (name, code, price, qty, ratio, tags, scores, meta, doc, uid, created_at,
                         day, local_at, active, blob, during, "Order") VALUES
       ('alpha', 'A1', 10.50, 1, 0.5, '{red,blue}', '{1,2,3}', '{"color":"red","size":1}',
        '{"a":1}', '11111111-1111-1111-1111-111111111111', '2024-01-01T10:00:00+02',
        '2024-01-01', '2024-01-01 10:00:00', true, '\\x0102', '[2024-01-01,2024-02-01)', 3),
       ('beta', 'B2', 20.00, 2, 'NaN', '{green}', '{4,5}', '{"color":"green"}', '{"b":2}',
        '22222222-2222-2222-2222-222222222222', '2024-02-01T10:00:00Z', '2024-02-01',
        '2024-02-01 10:00:00', false, NULL, NULL, 2),
       ('gamma', NULL, 30.25, 3, 1.5, '{}', NULL, NULL, NULL,
        '33333333-3333-3333-3333-333333333333', '2024-03-01T10:00:00Z', NULL, NULL, NULL, NULL,
        NULL, 1),
       ('Delta', 'D4-long-code-20chars', 40.00, 4, 2.5, '{red}', '{3}', '{"color":"red","tags":["x"]}', NULL,
        '44444444-4444-4444-4444-444444444444', '2024-04-01T10:00:00Z', NULL, NULL, true, NULL,
        NULL, 0);
      UPDATE items SET mood = 'happy' WHERE name IN ('alpha', 'gamma');
      UPDATE items SET mood = 'sad' WHERE name = 'beta';
      CREATE VIEW red_items AS SELECT id, name FROM items WHERE meta->>'color' = 'red';
      CREATE TABLE big (id int PRIMARY KEY);
      INSERT INTO big SELECT generate_series(1, 10000);
      CREATE VIEW fragile AS SELECT id, 10 / (10000 - id) AS x FROM big;
      """;

  private static EmbeddedPostgresFixture pg;
  private static PostgresBackend backend;

  @BeforeAll
  static void start() {
    pg = PostgresIt.server();
    String uri = PostgresIt.freshDatabase(pg, DB, SCHEMA);
    backend = PostgresIt.backend("app", uri, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  private static List<Object> names(Condition... conditions) {
    return column(rows(backend.execute("app", fetch("items", conditions))), "name");
  }

  private static Comparison cmp(String column, Operator op, Object value) {
    return new Comparison(column, op, value);
  }

  @Test
  void comparisonOperators() {
    assertThat(names(cmp("qty", Operator.EQ, 2L))).containsExactly("beta");
    assertThat(names(cmp("qty", Operator.NEQ, 2L))).containsExactly("alpha", "gamma", "Delta");
    assertThat(names(cmp("qty", Operator.GT, 3L))).containsExactly("Delta");
    assertThat(names(cmp("qty", Operator.GTE, 3L))).containsExactly("gamma", "Delta");
    assertThat(names(cmp("qty", Operator.LT, 2L))).containsExactly("alpha");
    assertThat(names(cmp("qty", Operator.LTE, 2L))).containsExactly("alpha", "beta");
  }

  @Test
  void likeAndIlikeWithPostgrestWildcards() {
    assertThat(names(cmp("name", Operator.LIKE, "*ta"))).containsExactly("beta", "Delta");
    assertThat(names(cmp("name", Operator.LIKE, "d%"))).isEmpty();
    assertThat(names(cmp("name", Operator.ILIKE, "d%"))).containsExactly("Delta");
    assertThat(names(cmp("qty", Operator.LIKE, "4"))).containsExactly("Delta");
  }

  @Test
  void isNullNotNullTrueAndFalse() {
    assertThat(names(cmp("code", Operator.IS, null))).containsExactly("gamma");
    assertThat(names(cmp("code", Operator.IS, "not_null")))
        .containsExactly("alpha", "beta", "Delta");
    assertThat(names(cmp("active", Operator.IS, true))).containsExactly("alpha", "Delta");
    assertThat(names(cmp("active", Operator.IS, "false"))).containsExactly("beta");
    assertThat(names(cmp("code", Operator.EQ, null))).containsExactly("gamma");
  }

  @Test
  void inWithListsAndPostgrestStrings() {
    assertThat(names(cmp("qty", Operator.IN, List.of(1L, 4L)))).containsExactly("alpha", "Delta");
    assertThat(names(cmp("name", Operator.IN, "(beta,gamma)"))).containsExactly("beta", "gamma");
    assertThat(names(cmp("uid", Operator.IN, List.of("22222222-2222-2222-2222-222222222222"))))
        .containsExactly("beta");
  }

  @Test
  void containsAndContainedByOnJsonbArraysAndRanges() {
    assertThat(names(cmp("meta", Operator.CONTAINS, Map.of("color", "red"))))
        .containsExactly("alpha", "Delta");
    assertThat(names(cmp("meta", Operator.CONTAINED_BY, "{\"color\":\"green\",\"x\":1}")))
        .containsExactly("beta");
    assertThat(names(cmp("doc", Operator.CONTAINS, Map.of("a", 1)))).containsExactly("alpha");
    assertThat(names(cmp("tags", Operator.CONTAINS, List.of("red"))))
        .containsExactly("alpha", "Delta");
    assertThat(names(cmp("tags", Operator.CONTAINED_BY, "{red,blue,green}")))
        .containsExactly("alpha", "beta", "gamma", "Delta");
    assertThat(names(cmp("scores", Operator.CONTAINS, List.of(1L, 3L)))).containsExactly("alpha");
    assertThat(names(cmp("during", Operator.CONTAINS, "[2024-01-10,2024-01-11)")))
        .containsExactly("alpha");
  }

  @Test
  void typedValuesGivenAsStringsAreCastToTheColumnType() {
    assertThat(names(cmp("uid", Operator.EQ, "33333333-3333-3333-3333-333333333333")))
        .containsExactly("gamma");
    assertThat(names(cmp("created_at", Operator.GTE, "2024-03-01T10:00:00Z")))
        .containsExactly("gamma", "Delta");
    assertThat(names(cmp("created_at", Operator.LT, "2024-01-01T09:00:00Z")))
        .containsExactly("alpha");
    assertThat(names(cmp("price", Operator.EQ, "30.25"))).containsExactly("gamma");
    assertThat(names(cmp("price", Operator.GT, new BigDecimal("25"))))
        .containsExactly("gamma", "Delta");
    assertThat(names(cmp("meta", Operator.EQ, Map.of("color", "green")))).containsExactly("beta");
    assertThat(names(cmp("scores", Operator.EQ, List.of(4L, 5L)))).containsExactly("beta");
    assertThat(names(cmp("tags", Operator.EQ, List.of("green")))).containsExactly("beta");
  }

  @Test
  void inAndEqualityOnEnumsTimestampsAndModifiedTypes() {
    assertThat(names(cmp("mood", Operator.IN, List.of("sad", "happy"))))
        .containsExactly("alpha", "beta", "gamma");
    assertThat(names(cmp("mood", Operator.EQ, "sad"))).containsExactly("beta");
    assertThat(names(cmp("created_at", Operator.IN, List.of("2024-02-01T10:00:00Z"))))
        .containsExactly("beta");
    assertThat(names(cmp("code", Operator.IN, List.of("A1", "D4-long-code-20chars"))))
        .containsExactly("alpha", "Delta");
  }

  @Test
  void filterValuesAreNotTruncatedOrRoundedToTheColumnModifier() {
    // code is varchar(20): a cast to varchar(20) would cut the extra "XYZ" and match Delta
    assertThat(names(cmp("code", Operator.EQ, "D4-long-code-20charsXYZ"))).isEmpty();
    // price is numeric(10,2): a cast to numeric(10,2) would round 10.499 up to 10.50
    assertThat(names(cmp("price", Operator.EQ, "10.499"))).isEmpty();
    assertThat(names(cmp("price", Operator.EQ, "10.5"))).containsExactly("alpha");
  }

  @Test
  void columnAndValueCasts() {
    assertThat(names(new Comparison("uid", Operator.LIKE, "4444*", "text", null)))
        .containsExactly("Delta");
    assertThat(names(new Comparison("code", Operator.EQ, "1", null, null))).isEmpty();
    assertThat(names(new Comparison("qty", Operator.EQ, "3", "text", "text")))
        .containsExactly("gamma");
  }

  @Test
  void orNotAndNestedConditions() {
    Condition either =
        new AnyOf(List.of(cmp("name", Operator.EQ, "alpha"), cmp("qty", Operator.GT, 3L)));

    assertThat(names(either)).containsExactly("alpha", "Delta");
    assertThat(names(new Not(either))).containsExactly("beta", "gamma");
    assertThat(
            names(
                either,
                cmp("active", Operator.IS, true),
                new Not(cmp("name", Operator.EQ, "alpha"))))
        .containsExactly("Delta");
  }

  @Test
  void orderLimitAndOffsetApplyAfterFilters() {
    FetchRequest page =
        new FetchRequest(
            new TableRef("public", "items"),
            List.of("name"),
            List.of(cmp("qty", Operator.GTE, 2L)),
            List.of(new SortKey("price", true)),
            2L,
            1L,
            null);

    List<Map<String, Object>> rows = rows(backend.execute("app", page));

    assertThat(column(rows, "name")).containsExactly("gamma", "beta");
    assertThat(rows.get(0)).containsOnlyKeys("name");
  }

  @Test
  void countsExactPlannedAndEstimated() throws Exception {
    List<SortKey> byId = List.of(new SortKey("id", false));
    try (OperationResult exact =
        backend.execute("app", fetchPage("big", byId, 5L, 0L, CountMode.EXACT))) {
      assertThat(exact.totalCount()).isEqualTo(10_000L);
    }
    try (OperationResult planned =
        backend.execute("app", fetchPage("big", byId, 5L, 0L, CountMode.PLANNED))) {
      assertThat(planned.totalCount()).isPositive();
    }
    PostgresIt.execute(pg, DB, "ANALYZE big");
    try (OperationResult estimated =
        backend.execute("app", fetchPage("big", byId, 5L, 0L, CountMode.ESTIMATED))) {
      assertThat(estimated.totalCount()).isEqualTo(10_000L);
    }
    FetchRequest filtered =
        new FetchRequest(
            new TableRef("public", "big"),
            List.of(),
            List.of(cmp("id", Operator.LTE, 100L)),
            List.of(),
            1L,
            null,
            CountMode.ESTIMATED);
    try (OperationResult estimatedFiltered = backend.execute("app", filtered)) {
      assertThat(estimatedFiltered.totalCount()).isBetween(50L, 200L);
    }
  }

  @Test
  void estimatedCountFallsBackToThePlannerForViews() throws Exception {
    try (OperationResult r =
        backend.execute(
            "app", fetchPage("red_items", List.of(), null, null, CountMode.ESTIMATED))) {
      assertThat(r.totalCount()).isNotNull().isNotNegative();
    }
  }

  @Test
  void valuesComeBackAsJsonReadyJavaTypes() {
    Map<String, Object> alpha =
        rows(backend.execute("app", fetch("items", cmp("name", Operator.EQ, "alpha")))).get(0);

    assertThat(alpha)
        .containsEntry("id", 1)
        .containsEntry("qty", 1L)
        .containsEntry("price", new BigDecimal("10.50"))
        .containsEntry("ratio", 0.5)
        .containsEntry("tags", List.of("red", "blue"))
        .containsEntry("scores", List.of(1, 2, 3))
        .containsEntry("meta", new RawJson("{\"size\": 1, \"color\": \"red\"}"))
        .containsEntry("doc", new RawJson("{\"a\":1}"))
        .containsEntry("uid", "11111111-1111-1111-1111-111111111111")
        .containsEntry("created_at", "2024-01-01T08:00:00Z")
        .containsEntry("day", "2024-01-01")
        .containsEntry("local_at", "2024-01-01T10:00:00")
        .containsEntry("active", true)
        .containsEntry("blob", "\\x0102")
        .containsEntry("Order", 3);
    Map<String, Object> beta =
        rows(backend.execute("app", fetch("items", cmp("name", Operator.EQ, "beta")))).get(0);
    assertThat(beta).containsEntry("ratio", "NaN").containsEntry("blob", null);
  }

  @Test
  void viewsAreFetchable() {
    assertThat(column(rows(backend.execute("app", fetch("red_items"))), "name"))
        .containsExactly("alpha", "Delta");
  }

  @Test
  void unknownTablesAndColumnsAre400WithTheirNames() {
    GatewayException table =
        assertGatewayError(() -> backend.execute("app", fetch("nope")), ErrorCode.UNKNOWN_TABLE);
    assertThat(table.getMessage()).isEqualTo("Table 'public.nope' does not exist");
    assertThat(table.errorCode().httpStatus()).isEqualTo(400);

    GatewayException col =
        assertGatewayError(
            () -> backend.execute("app", fetch("items", cmp("ghost", Operator.EQ, 1))),
            ErrorCode.UNKNOWN_COLUMN);
    assertThat(col.getMessage()).contains("'ghost'", "public.items");
  }

  @Test
  void anInvalidUuidIsAnInvalidValue() {
    GatewayException e =
        assertGatewayError(
            () -> backend.execute("app", fetch("items", cmp("uid", Operator.EQ, "not-a-uuid"))),
            ErrorCode.INVALID_VALUE);

    assertThat(e.errorCode().httpStatus()).isEqualTo(400);
    assertThat(e.details()).containsEntry("sqlstate", "22P02");
    assertThat(e.getMessage()).contains("uuid").doesNotContain("SELECT");
  }

  @Test
  void aTableCreatedAfterTheFirstRequestIsFoundAtOnce() {
    MutableClock clock = new MutableClock();
    try (PostgresBackend own =
        PostgresBackend.builder().client("own", pg.dataSource(DB)).clock(clock).build()) {
      rows(own.execute("own", fetch("items")));
      PostgresIt.execute(
          pg, DB, "CREATE TABLE fresh (id int, note text); INSERT INTO fresh VALUES (1, 'n')");
      clock.advance(Duration.ofMillis(1100)); // past the one-re-read-per-second guard

      assertThat(column(rows(own.execute("own", fetch("fresh"))), "note")).containsExactly("n");
    }
  }

  /** A clock the test moves by hand, instead of sleeping. */
  private static final class MutableClock implements InstantSource {
    private Instant now = Instant.now();

    @Override
    public synchronized Instant instant() {
      return now;
    }

    synchronized void advance(Duration d) {
      now = now.plus(d);
    }
  }

  @Test
  void tenThousandRowsStreamThroughTheRowStream() {
    List<Map<String, Object>> all = rows(backend.execute("app", fetch("big")));

    assertThat(all).hasSize(10_000);
    assertThat(all.get(9_999)).containsEntry("id", 10_000);
  }

  @Test
  void rowsAreReadLazilySoTheFirstRowArrivesBeforeALaterRowFails() {
    // fragile divides by zero on its very last row: an eager read would fail before returning
    FetchRequest request =
        new FetchRequest(
            new TableRef("public", "fragile"), List.of(), List.of(), List.of(), null, null, null);
    try (OperationResult result = backend.execute("app", request)) {
      assertThat(result.rows().next()).isTrue();
      assertThat(result.rows().value(0)).isEqualTo(1);
      int read = 1;
      GatewayException failure = null;
      try {
        while (result.rows().next()) {
          read++;
        }
      } catch (GatewayException e) {
        failure = e;
      }
      assertThat(failure).isNotNull();
      assertThat(failure.errorCode()).isEqualTo(ErrorCode.INVALID_VALUE);
      assertThat(read).isGreaterThan(9_000);
    }
  }

  @Test
  void aConnectionIsReturnedWhenTheStreamCloses() {
    // the pool holds 4 connections: leaking one per fetch would exhaust it well before 20
    for (int i = 0; i < 20; i++) {
      try (OperationResult r = backend.execute("app", fetch("big"))) {
        assertThat(r.rows().next()).isTrue();
      }
    }
  }
}
