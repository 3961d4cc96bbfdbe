package io.athena.postgres.internal;

import static io.athena.postgres.internal.TestCatalog.ITEMS;
import static io.athena.postgres.internal.TestCatalog.NO_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.Condition;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.CountMode;
import io.athena.spi.DeleteRequest;
import io.athena.spi.ErrorCode;
import io.athena.spi.FetchRequest;
import io.athena.spi.GatewayException;
import io.athena.spi.InsertRequest;
import io.athena.spi.Operator;
import io.athena.spi.SortKey;
import io.athena.spi.TableRef;
import io.athena.spi.UpdateRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SqlCompilerTest {
  private final SqlCompiler compiler = TestCatalog.compiler();

  private static final List<Condition> BY_ID = List.of(new Comparison("id", Operator.EQ, 7L));

  private static void assertError(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(code);
  }

  private static Map<String, Object> row(Object... keyValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }

  @Nested
  class Fetch {
    private CompiledFetch fetch(
        List<String> columns,
        List<Condition> conditions,
        List<SortKey> order,
        Long limit,
        Long offset,
        CountMode count) {
      return compiler.fetch(
          new FetchRequest(ITEMS, columns, conditions, order, limit, offset, count));
    }

    @Test
    void selectsEveryColumnWhenNoneAreNamed() {
      CompiledFetch f = fetch(List.of(), List.of(), List.of(), null, null, null);

      assertThat(f.select().sql()).isEqualTo("SELECT * FROM \"public\".\"items\"");
      assertThat(f.select().params()).isEmpty();
      assertThat(f.count()).isNull();
    }

    @Test
    void quotesTheProjectionAndAcceptsAStar() {
      assertThat(fetch(List.of("id", "Order"), List.of(), List.of(), null, null, null).select())
          .extracting(SqlStatement::sql)
          .isEqualTo("SELECT \"id\", \"Order\" FROM \"public\".\"items\"");
      assertThat(fetch(List.of("*"), List.of(), List.of(), null, null, null).select().sql())
          .isEqualTo("SELECT * FROM \"public\".\"items\"");
    }

    @Test
    void filtersComeBeforeOrderLimitAndOffsetWhichAreBound() {
      CompiledFetch f =
          fetch(
              List.of("id"),
              BY_ID,
              List.of(new SortKey("name", false), new SortKey("id", true)),
              10L,
              20L,
              null);

      assertThat(f.select().sql())
          .isEqualTo(
              "SELECT \"id\" FROM \"public\".\"items\" WHERE \"id\" = CAST(? AS integer)"
                  + " ORDER BY \"name\" ASC, \"id\" DESC LIMIT ? OFFSET ?");
      assertThat(f.select().params())
          .containsExactly(SqlParam.text("7"), new SqlParam.Int8(10), new SqlParam.Int8(20));
    }

    @Test
    void negativePagingIsAnInvalidValue() {
      assertError(
          () -> fetch(List.of(), List.of(), List.of(), -1L, null, null),
          ErrorCode.INVALID_VALUE,
          "limit was -1");
      assertError(
          () -> fetch(List.of(), List.of(), List.of(), null, -5L, null),
          ErrorCode.INVALID_VALUE,
          "offset was -5");
    }

    @Test
    void unknownSortColumnIsReported() {
      assertError(
          () -> fetch(List.of(), List.of(), List.of(new SortKey("zz", false)), null, null, null),
          ErrorCode.UNKNOWN_COLUMN,
          "'zz'");
    }

    @Test
    void exactCountReusesTheFilterWithoutPaging() {
      CompiledFetch f = fetch(List.of(), BY_ID, List.of(), 5L, 5L, CountMode.EXACT);

      assertThat(f.count().statement().sql())
          .isEqualTo("SELECT count(*) FROM \"public\".\"items\" WHERE \"id\" = CAST(? AS integer)");
      assertThat(f.count().statement().params()).containsExactly(SqlParam.text("7"));
      assertThat(f.count().readsStatistics()).isFalse();
    }

    @Test
    void plannedCountExplainsTheFilteredSelect() {
      CompiledFetch f = fetch(List.of(), BY_ID, List.of(), 5L, null, CountMode.PLANNED);

      assertThat(f.count().statement().sql())
          .isEqualTo(
              "EXPLAIN (FORMAT JSON) SELECT 1 FROM \"public\".\"items\" WHERE \"id\" = CAST(? AS"
                  + " integer)");
    }

    @Test
    void estimatedCountReadsStatisticsOnlyWithoutFilters() {
      CompiledFetch unfiltered =
          fetch(List.of(), List.of(), List.of(), null, null, CountMode.ESTIMATED);
      CompiledFetch filtered = fetch(List.of(), BY_ID, List.of(), null, null, CountMode.ESTIMATED);

      assertThat(unfiltered.count().statement().sql()).contains("pg_class", "CAST(? AS regclass)");
      assertThat(unfiltered.count().statement().params())
          .containsExactly(SqlParam.text("\"public\".\"items\""));
      assertThat(unfiltered.count().explainFallback().sql()).startsWith("EXPLAIN (FORMAT JSON)");
      assertThat(filtered.count().readsStatistics()).isFalse();
      assertThat(filtered.count().statement().sql()).startsWith("EXPLAIN (FORMAT JSON)");
    }

    @Test
    void unknownTablesAndBadIdentifiersAreReported() {
      assertError(
          () -> compiler.fetch(fetchOf(new TableRef("public", "nope"))),
          ErrorCode.UNKNOWN_TABLE,
          "Table 'public.nope' does not exist");
      assertError(
          () -> compiler.fetch(fetchOf(new TableRef("public", "items\"; --"))),
          ErrorCode.INVALID_IDENTIFIER,
          "Invalid table");
      assertError(
          () -> compiler.fetch(fetchOf(new TableRef("pub lic", "items"))),
          ErrorCode.INVALID_IDENTIFIER,
          "Invalid schema");
    }

    private FetchRequest fetchOf(TableRef table) {
      return new FetchRequest(table, List.of(), List.of(), List.of(), null, null, null);
    }
  }

  @Nested
  class Insert {
    private SqlStatement insert(
        List<Map<String, Object>> rows, List<String> onConflict, Map<String, Object> updateBody) {
      return compiler.insert(new InsertRequest(ITEMS, rows, onConflict, updateBody, List.of()));
    }

    @Test
    void singleRowCastsEachValueToItsColumnAndReturnsEverything() {
      SqlStatement s = insert(List.of(row("name", "w", "price", 9.5)), List.of(), null);

      assertThat(s.sql())
          .isEqualTo(
              "INSERT INTO \"public\".\"items\" (\"name\", \"price\") VALUES (CAST(? AS text),"
                  + " CAST(? AS numeric)) RETURNING *");
      assertThat(s.params()).containsExactly(SqlParam.text("w"), SqlParam.text("9.5"));
    }

    @Test
    void bulkRowsUseTheUnionOfKeysAndDefaultForMissingOnes() {
      SqlStatement s =
          insert(
              List.of(row("name", "a"), row("price", 1L), row("name", "c", "id", 3L)),
              List.of(),
              null);

      assertThat(s.sql())
          .isEqualTo(
              "INSERT INTO \"public\".\"items\" (\"name\", \"price\", \"id\") VALUES"
                  + " (CAST(? AS text), DEFAULT, DEFAULT),"
                  + " (DEFAULT, CAST(? AS numeric), DEFAULT),"
                  + " (CAST(? AS text), DEFAULT, CAST(? AS integer)) RETURNING *");
      assertThat(s.params())
          .containsExactly(
              SqlParam.text("a"), SqlParam.text("1"), SqlParam.text("c"), SqlParam.text("3"));
    }

    @Test
    void anExplicitNullIsBoundWhileAMissingKeyIsDefault() {
      Map<String, Object> withNull = new HashMap<>();
      withNull.put("name", null);

      SqlStatement s = insert(List.of(withNull), List.of(), null);

      assertThat(s.sql()).contains("VALUES (CAST(? AS text))");
      assertThat(s.params()).containsExactly(SqlParam.text(null));
    }

    @Test
    void rowsOfOnlyDefaultsStillFormValidSql() {
      SqlStatement s = insert(List.of(row(), row()), List.of(), null);

      assertThat(s.sql())
          .isEqualTo(
              "INSERT INTO \"public\".\"items\" (\"id\") VALUES (DEFAULT), (DEFAULT) RETURNING *");
    }

    @Test
    void jsonColumnsStoreStringsAsJsonStringsAndArraysBindAsArrays() {
      SqlStatement s =
          insert(
              List.of(row("meta", "plain", "doc", Map.of("a", 1), "tags", List.of("x", "y"))),
              List.of(),
              null);

      assertThat(s.sql()).contains("CAST(? AS jsonb), CAST(? AS json), CAST(? AS text[])");
      assertThat(s.params())
          .containsExactly(
              SqlParam.text("\"plain\""),
              SqlParam.text("{\"a\":1}"),
              new SqlParam.TextArray(List.of("x", "y")));
    }

    @Test
    void upsertWithoutUpdateBodySetsEveryInsertedNonConflictColumnFromExcluded() {
      SqlStatement s =
          insert(List.of(row("id", 1L, "name", "a", "price", 2L)), List.of("id"), null);

      assertThat(s.sql())
          .endsWith(
              " ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"price\" ="
                  + " EXCLUDED.\"price\" RETURNING *");
    }

    @Test
    void upsertWithUpdateBodyBindsItsValues() {
      SqlStatement s =
          insert(List.of(row("id", 1L, "name", "a")), List.of("id", "code"), row("name", "b"));

      assertThat(s.sql())
          .endsWith(
              " ON CONFLICT (\"id\", \"code\") DO UPDATE SET \"name\" = CAST(? AS text) RETURNING"
                  + " *");
      assertThat(s.params())
          .containsExactly(SqlParam.text("1"), SqlParam.text("a"), SqlParam.text("b"));
    }

    @Test
    void upsertWithNothingToUpdateDoesNothing() {
      assertThat(insert(List.of(row("id", 1L)), List.of("id"), null).sql())
          .endsWith(" ON CONFLICT (\"id\") DO NOTHING RETURNING *");
      assertThat(insert(List.of(row("id", 1L)), List.of("id"), Map.of()).sql())
          .endsWith(" ON CONFLICT (\"id\") DO NOTHING RETURNING *");
    }

    @Test
    void returningIsQuotedAndChecked() {
      SqlStatement s =
          compiler.insert(
              new InsertRequest(ITEMS, List.of(row("name", "a")), List.of(), null, List.of("id")));

      assertThat(s.sql()).endsWith(" RETURNING \"id\"");
      assertError(
          () ->
              compiler.insert(
                  new InsertRequest(
                      ITEMS, List.of(row("name", "a")), List.of(), null, List.of("ghost"))),
          ErrorCode.UNKNOWN_COLUMN,
          "'ghost'");
    }

    @Test
    void refusesNoRowsUnknownColumnsAndTooManyValues() {
      assertError(
          () -> insert(List.of(), List.of(), null), ErrorCode.INVALID_REQUEST, "at least one row");
      assertError(
          () -> insert(List.of(row("ghost", 1)), List.of(), null),
          ErrorCode.UNKNOWN_COLUMN,
          "Column 'ghost' does not exist on table 'public.items'");
      List<Map<String, Object>> many = new ArrayList<>();
      for (int i = 0; i < 33_000; i++) {
        many.add(row("id", (long) i, "name", "n"));
      }
      assertError(() -> insert(many, List.of(), null), ErrorCode.INVALID_REQUEST, "at most 65535");
    }
  }

  @Nested
  class Update {
    @Test
    void setsBoundValuesWhereConditionsHoldAndReturnsRows() {
      SqlStatement s =
          compiler.update(
              new UpdateRequest(ITEMS, BY_ID, row("name", "n", "active", true), List.of("id")));

      assertThat(s.sql())
          .isEqualTo(
              "UPDATE \"public\".\"items\" SET \"name\" = CAST(? AS text), \"active\" = CAST(? AS"
                  + " boolean) WHERE \"id\" = CAST(? AS integer) RETURNING \"id\"");
      assertThat(s.params())
          .containsExactly(SqlParam.text("n"), SqlParam.text("true"), SqlParam.text("7"));
    }

    @Test
    void refusesAFullTableUpdateAndAnEmptySet() {
      assertError(
          () -> compiler.update(new UpdateRequest(ITEMS, List.of(), row("name", "x"), List.of())),
          ErrorCode.INVALID_REQUEST,
          "at least one condition");
      assertError(
          () -> compiler.update(new UpdateRequest(ITEMS, BY_ID, Map.of(), List.of())),
          ErrorCode.INVALID_REQUEST,
          "at least one column");
    }
  }

  @Nested
  class Delete {
    @Test
    void byResourceIdCastsToTheIdType() {
      SqlStatement s = compiler.delete(new DeleteRequest(ITEMS, "12", List.of()));

      assertThat(s.sql())
          .isEqualTo("DELETE FROM \"public\".\"items\" WHERE \"id\" = CAST(? AS integer)");
      assertThat(s.params()).containsExactly(SqlParam.text("12"));
    }

    @Test
    void byResourceIdAndConditions() {
      SqlStatement s =
          compiler.delete(
              new DeleteRequest(ITEMS, 12L, List.of(new Comparison("name", Operator.EQ, "x"))));

      assertThat(s.sql())
          .isEqualTo(
              "DELETE FROM \"public\".\"items\" WHERE \"id\" = CAST(? AS integer) AND \"name\" ="
                  + " CAST(? AS text)");
    }

    @Test
    void byConditionsOnly() {
      SqlStatement s =
          compiler.delete(
              new DeleteRequest(NO_ID, null, List.of(new Comparison("value", Operator.LT, 3L))));

      assertThat(s.sql())
          .isEqualTo("DELETE FROM \"public\".\"no_id\" WHERE \"value\" < CAST(? AS integer)");
    }

    @Test
    void aTableWithoutIdCannotDeleteByResourceId() {
      assertError(
          () -> compiler.delete(new DeleteRequest(NO_ID, 1L, List.of())),
          ErrorCode.UNKNOWN_COLUMN,
          "Column 'id' does not exist on table 'public.no_id'");
    }

    @Test
    void refusesADeleteWithoutTarget() {
      assertError(
          () -> compiler.delete(new DeleteRequest(ITEMS, null, List.of())),
          ErrorCode.INVALID_REQUEST,
          "resource_id");
    }
  }
}
