package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.Condition;
import io.athena.spi.Condition.AllOf;
import io.athena.spi.Condition.AnyOf;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.Condition.Not;
import io.athena.spi.ErrorCode;
import io.athena.spi.FetchRequest;
import io.athena.spi.GatewayException;
import io.athena.spi.Operator;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionCompilerTest {
  private static final String SELECT = "SELECT * FROM \"public\".\"items\" WHERE ";

  private static SqlStatement where(Condition... conditions) {
    FetchRequest request =
        new FetchRequest(
            TestCatalog.ITEMS, List.of(), List.of(conditions), List.of(), null, null, null);
    return TestCatalog.compiler().fetch(request).select();
  }

  private static String whereSql(Condition... conditions) {
    String sql = where(conditions).sql();
    assertThat(sql).startsWith(SELECT);
    return sql.substring(SELECT.length());
  }

  private static Comparison cmp(String column, Operator op, Object value) {
    return new Comparison(column, op, value);
  }

  @ParameterizedTest(name = "{0} compiles to {1}")
  @CsvSource({"EQ,=", "NEQ,<>", "GT,>", "GTE,>=", "LT,<", "LTE,<="})
  void comparisonsCastTheBoundValueToTheColumnType(Operator op, String sqlOp) {
    SqlStatement s = where(cmp("id", op, 42L));

    assertThat(s.sql()).isEqualTo(SELECT + "\"id\" " + sqlOp + " CAST(? AS integer)");
    assertThat(s.params()).containsExactly(SqlParam.text("42"));
  }

  @Test
  void uuidAndTimestampStringsAreCastToTheirColumnTypes() {
    SqlStatement s =
        where(
            cmp("uid", Operator.EQ, "0b0e7f6a-59a4-4c4f-9b4e-2a3f6c1d2e3f"),
            cmp("created_at", Operator.GTE, "2024-01-01T00:00:00Z"));

    assertThat(s.sql())
        .isEqualTo(
            SELECT
                + "\"uid\" = CAST(? AS uuid) AND \"created_at\" >= CAST(? AS timestamp with time"
                + " zone)");
    assertThat(s.params())
        .containsExactly(
            SqlParam.text("0b0e7f6a-59a4-4c4f-9b4e-2a3f6c1d2e3f"),
            SqlParam.text("2024-01-01T00:00:00Z"));
  }

  @Test
  void numbersAreBoundInPlainNotation() {
    SqlStatement s = where(cmp("price", Operator.LT, new BigDecimal("1E+3")));

    assertThat(s.sql()).endsWith("\"price\" < CAST(? AS numeric)");
    assertThat(s.params()).containsExactly(SqlParam.text("1000"));
  }

  @Test
  @DisplayName("casts leave out type modifiers, which would truncate or round the value")
  void castsLeaveOutTypeModifiers() {
    assertThat(whereSql(cmp("code", Operator.EQ, "x")))
        .isEqualTo("\"code\" = CAST(? AS character varying)");
    assertThat(whereSql(cmp("code", Operator.IN, List.of("x"))))
        .isEqualTo("\"code\" = ANY(CAST(? AS character varying[]))");
  }

  @Test
  void eqNullMeansIsNullAndNeqNullMeansIsNotNull() {
    assertThat(whereSql(cmp("name", Operator.EQ, null))).isEqualTo("\"name\" IS NULL");
    assertThat(whereSql(cmp("name", Operator.NEQ, null))).isEqualTo("\"name\" IS NOT NULL");
    assertThat(where(cmp("name", Operator.EQ, null)).params()).isEmpty();
  }

  @Test
  void orderingOperatorsRefuseNull() {
    assertThatThrownBy(() -> where(cmp("id", Operator.GT, null)))
        .isInstanceOf(GatewayException.class)
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(ErrorCode.INVALID_VALUE);
  }

  @Test
  void likeTurnsPostgrestStarsIntoPercentAndCastsNonTextColumnsToText() {
    SqlStatement onText = where(cmp("name", Operator.LIKE, "*wid*"));
    SqlStatement onInt = where(cmp("id", Operator.ILIKE, "4*"));

    assertThat(onText.sql()).isEqualTo(SELECT + "\"name\" LIKE CAST(? AS text)");
    assertThat(onText.params()).containsExactly(SqlParam.text("%wid%"));
    assertThat(onInt.sql()).isEqualTo(SELECT + "CAST(\"id\" AS text) ILIKE CAST(? AS text)");
    assertThat(onInt.params()).containsExactly(SqlParam.text("4%"));
  }

  @Test
  void likeOnVarcharNeedsNoCast() {
    assertThat(whereSql(cmp("code", Operator.LIKE, "A%")))
        .isEqualTo("\"code\" LIKE CAST(? AS text)");
  }

  @ParameterizedTest(name = "is {0} compiles to {1}")
  @CsvSource({
    "null,IS NULL",
    "NULL,IS NULL",
    "not_null,IS NOT NULL",
    "notnull,IS NOT NULL",
    "true,IS TRUE",
    "false,IS FALSE",
    "unknown,IS UNKNOWN"
  })
  void isTakesNullNotNullAndTruthValuesWithoutBinding(String value, String test) {
    SqlStatement s = where(cmp("active", Operator.IS, value));

    assertThat(s.sql()).isEqualTo(SELECT + "\"active\" " + test);
    assertThat(s.params()).isEmpty();
  }

  @Test
  void isAcceptsJsonNullAndBooleans() {
    assertThat(whereSql(cmp("active", Operator.IS, null))).isEqualTo("\"active\" IS NULL");
    assertThat(whereSql(cmp("active", Operator.IS, true))).isEqualTo("\"active\" IS TRUE");
    assertThat(whereSql(cmp("active", Operator.IS, false))).isEqualTo("\"active\" IS FALSE");
  }

  @Test
  void isRefusesAnythingElse() {
    assertThatThrownBy(() -> where(cmp("active", Operator.IS, "maybe")))
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("'is'")
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(ErrorCode.INVALID_VALUE);
  }

  @Test
  void inBindsOneArrayCastToTheColumnArrayType() {
    SqlStatement s = where(cmp("id", Operator.IN, List.of(1L, 2L, 3L)));

    assertThat(s.sql()).isEqualTo(SELECT + "\"id\" = ANY(CAST(? AS integer[]))");
    assertThat(s.params()).containsExactly(new SqlParam.TextArray(List.of("1", "2", "3")));
  }

  @Test
  void inAcceptsPostgrestAndCommaStrings() {
    assertThat(where(cmp("name", Operator.IN, "(a,\"b,c\", d)")).params())
        .containsExactly(new SqlParam.TextArray(List.of("a", "b,c", "d")));
    assertThat(where(cmp("name", Operator.IN, "x,y")).params())
        .containsExactly(new SqlParam.TextArray(List.of("x", "y")));
  }

  @Test
  void inKeepsNullElements() {
    SqlStatement s = where(cmp("name", Operator.IN, Arrays.asList("a", null)));

    assertThat(s.params()).containsExactly(new SqlParam.TextArray(Arrays.asList("a", null)));
  }

  @Test
  void containsOnJsonbBindsJsonText() {
    SqlStatement fromMap = where(cmp("meta", Operator.CONTAINS, Map.of("color", "red")));
    SqlStatement fromText = where(cmp("meta", Operator.CONTAINED_BY, "{\"a\":1}"));

    assertThat(fromMap.sql()).isEqualTo(SELECT + "\"meta\" @> CAST(? AS jsonb)");
    assertThat(fromMap.params()).containsExactly(SqlParam.text("{\"color\":\"red\"}"));
    assertThat(fromText.sql()).isEqualTo(SELECT + "\"meta\" <@ CAST(? AS jsonb)");
    assertThat(fromText.params()).containsExactly(SqlParam.text("{\"a\":1}"));
  }

  @Test
  void containsOnJsonConvertsTheColumnToJsonb() {
    assertThat(whereSql(cmp("doc", Operator.CONTAINS, Map.of("a", 1))))
        .isEqualTo("CAST(\"doc\" AS jsonb) @> CAST(? AS jsonb)");
  }

  @Test
  void containsOnArraysBindsAnArrayOfTheColumnType() {
    SqlStatement fromList = where(cmp("tags", Operator.CONTAINS, List.of("a", "b")));
    SqlStatement fromLiteral = where(cmp("scores", Operator.CONTAINED_BY, "{1,2,3}"));

    assertThat(fromList.sql()).isEqualTo(SELECT + "\"tags\" @> CAST(? AS text[])");
    assertThat(fromList.params()).containsExactly(new SqlParam.TextArray(List.of("a", "b")));
    assertThat(fromLiteral.sql()).isEqualTo(SELECT + "\"scores\" <@ CAST(? AS integer[])");
    assertThat(fromLiteral.params()).containsExactly(SqlParam.text("{1,2,3}"));
  }

  @Test
  void containsOnRangesCastsToTheRangeType() {
    assertThat(whereSql(cmp("during", Operator.CONTAINS, "[2024-01-01,2024-01-02)")))
        .isEqualTo("\"during\" @> CAST(? AS tstzrange)");
  }

  @Test
  void containsOnAScalarColumnIsAnInvalidOperator() {
    assertThatThrownBy(() -> where(cmp("id", Operator.CONTAINS, List.of(1))))
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("'id' is integer")
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(ErrorCode.INVALID_OPERATOR);
  }

  @Test
  @DisplayName("column_cast wraps the column, and the value follows the cast type")
  void columnCastWrapsTheColumn() {
    SqlStatement s = where(new Comparison("uid", Operator.EQ, "abc", "text", null));

    assertThat(s.sql()).isEqualTo(SELECT + "CAST(\"uid\" AS text) = CAST(? AS text)");
  }

  @Test
  void valueCastOverridesTheColumnType() {
    SqlStatement s = where(new Comparison("name", Operator.EQ, "5", null, "Integer"));

    assertThat(s.sql()).isEqualTo(SELECT + "\"name\" = CAST(? AS int4)");
  }

  @Test
  void castsOutsideTheAllowListAreRefused() {
    Condition evil = new Comparison("id", Operator.EQ, "1", "int); DROP TABLE x; --", null);

    assertThatThrownBy(() -> where(evil))
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("not an allowed type")
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(ErrorCode.INVALID_VALUE);
  }

  @Test
  void anyOfAllOfAndNotNestWithParentheses() {
    Condition nested =
        new AnyOf(
            List.of(
                cmp("name", Operator.EQ, "a"),
                new AllOf(List.of(cmp("id", Operator.GT, 1L), cmp("id", Operator.LT, 9L))),
                new Not(cmp("active", Operator.IS, true))));

    SqlStatement s = where(nested, cmp("price", Operator.GT, 0L));

    assertThat(s.sql())
        .isEqualTo(
            SELECT
                + "(\"name\" = CAST(? AS text) OR (\"id\" > CAST(? AS integer) AND \"id\" <"
                + " CAST(? AS integer)) OR NOT (\"active\" IS TRUE)) AND \"price\" > CAST(? AS"
                + " numeric)");
    assertThat(s.params())
        .containsExactly(
            SqlParam.text("a"), SqlParam.text("1"), SqlParam.text("9"), SqlParam.text("0"));
  }

  @Test
  void emptyGroupsAreFalseForAnyAndTrueForAll() {
    assertThat(whereSql(new AnyOf(List.of()))).isEqualTo("FALSE");
    assertThat(whereSql(new AllOf(List.of()))).isEqualTo("TRUE");
  }

  @Test
  void unknownColumnsAreReportedWithTheirTable() {
    assertThatThrownBy(() -> where(cmp("nope", Operator.EQ, 1)))
        .isInstanceOf(GatewayException.class)
        .hasMessage("Column 'nope' does not exist on table 'public.items'")
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(ErrorCode.UNKNOWN_COLUMN);
  }

  @Test
  void columnsAreMatchedCaseSensitivelyAndQuoted() {
    assertThat(whereSql(cmp("Order", Operator.EQ, 1L))).isEqualTo("\"Order\" = CAST(? AS integer)");
    assertThatThrownBy(() -> where(cmp("order", Operator.EQ, 1L)))
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(ErrorCode.UNKNOWN_COLUMN);
  }

  @Test
  void jsonValuesInFiltersOnJsonbAreJsonText() {
    SqlStatement s = where(cmp("meta", Operator.EQ, Map.of("k", List.of(1, 2))));

    assertThat(s.params()).containsExactly(SqlParam.text("{\"k\":[1,2]}"));
  }
}
