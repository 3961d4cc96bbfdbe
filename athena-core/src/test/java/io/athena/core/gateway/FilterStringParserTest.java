package io.athena.core.gateway;

import static io.athena.core.gateway.Bodies.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.Condition;
import io.athena.spi.Condition.AllOf;
import io.athena.spi.Condition.AnyOf;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.Condition.Not;
import io.athena.spi.ErrorCode;
import io.athena.spi.Operator;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterStringParserTest {

  static Comparison cmp(String column, Operator op, Object value) {
    return new Comparison(column, op, value);
  }

  static List<Condition> list(Condition... conditions) {
    return List.of(conditions);
  }

  static Stream<Arguments> validFilters() {
    return Stream.of(
        Arguments.of(
            "priority.eq.high,priority.eq.urgent",
            list(cmp("priority", Operator.EQ, "high"), cmp("priority", Operator.EQ, "urgent"))),
        Arguments.of("archived_at.is.null", list(cmp("archived_at", Operator.IS, null))),
        Arguments.of("done.is.true", list(cmp("done", Operator.IS, true))),
        Arguments.of("done.is.FALSE", list(cmp("done", Operator.IS, false))),
        Arguments.of("done.is.unknown", list(cmp("done", Operator.IS, null))),
        Arguments.of("status.in.(a,b,c)", list(cmp("status", Operator.IN, List.of("a", "b", "c")))),
        Arguments.of("name.in.(\"a,b\", c)", list(cmp("name", Operator.IN, List.of("a,b", "c")))),
        Arguments.of("id.in.()", list(cmp("id", Operator.IN, List.of()))),
        Arguments.of("title.eq.\"a,b\"", list(cmp("title", Operator.EQ, "a,b"))),
        Arguments.of(
            "title.eq.\"say \\\"hi\\\" \\\\ bye\"",
            list(cmp("title", Operator.EQ, "say \"hi\" \\ bye"))),
        Arguments.of("title.eq.\"(x)\"", list(cmp("title", Operator.EQ, "(x)"))),
        Arguments.of(
            "and(a.gt.1,b.lt.2),c.eq.3",
            list(
                new AllOf(list(cmp("a", Operator.GT, "1"), cmp("b", Operator.LT, "2"))),
                cmp("c", Operator.EQ, "3"))),
        Arguments.of(
            "or(a.eq.1,and(b.eq.2,c.eq.3))",
            list(
                new AnyOf(
                    list(
                        cmp("a", Operator.EQ, "1"),
                        new AllOf(list(cmp("b", Operator.EQ, "2"), cmp("c", Operator.EQ, "3"))))))),
        Arguments.of(
            "not.and(a.eq.1,b.eq.2)",
            list(new Not(new AllOf(list(cmp("a", Operator.EQ, "1"), cmp("b", Operator.EQ, "2")))))),
        Arguments.of("not.or(a.eq.1)", list(new Not(new AnyOf(list(cmp("a", Operator.EQ, "1")))))),
        Arguments.of("a.not.eq.1", list(new Not(cmp("a", Operator.EQ, "1")))),
        Arguments.of("a.not.in.(1,2)", list(new Not(cmp("a", Operator.IN, List.of("1", "2"))))),
        Arguments.of(
            "(a.eq.1,b.eq.2)", list(cmp("a", Operator.EQ, "1"), cmp("b", Operator.EQ, "2"))),
        Arguments.of(
            "  a.eq.1 ,  b.eq.2  ", list(cmp("a", Operator.EQ, "1"), cmp("b", Operator.EQ, "2"))),
        Arguments.of("tags.cs.{a,b}", list(cmp("tags", Operator.CONTAINS, "{a,b}"))),
        Arguments.of("tags.cd.[1,2]", list(cmp("tags", Operator.CONTAINED_BY, "[1,2]"))),
        Arguments.of("tags.containedBy.{x}", list(cmp("tags", Operator.CONTAINED_BY, "{x}"))),
        Arguments.of("price.gte.1.5", list(cmp("price", Operator.GTE, "1.5"))),
        Arguments.of("name.eq.", list(cmp("name", Operator.EQ, ""))),
        Arguments.of(
            "created_at.gte.2024-01-01T00:00:00Z",
            list(cmp("created_at", Operator.GTE, "2024-01-01T00:00:00Z"))),
        Arguments.of("a.ne.x", list(cmp("a", Operator.NEQ, "x"))),
        Arguments.of("a.neq.x", list(cmp("a", Operator.NEQ, "x"))),
        Arguments.of("name.ilike.*ann*", list(cmp("name", Operator.ILIKE, "*ann*"))),
        Arguments.of("name.like.%ann%", list(cmp("name", Operator.LIKE, "%ann%"))),
        Arguments.of("not.eq.5", list(cmp("not", Operator.EQ, "5"))),
        Arguments.of("or.eq.5", list(cmp("or", Operator.EQ, "5"))));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("validFilters")
  void parses(String text, List<Condition> expected) {
    assertThat(FilterStringParser.parseList("or", text)).isEqualTo(expected);
  }

  static Stream<Arguments> invalidFilters() {
    return Stream.of(
        Arguments.of("", ErrorCode.INVALID_REQUEST, "expected a column name at position 0"),
        Arguments.of("a", ErrorCode.INVALID_REQUEST, "expected '.' but the text ended"),
        Arguments.of("a.eq", ErrorCode.INVALID_REQUEST, "expected '.' but the text ended"),
        Arguments.of(
            "a.between.1", ErrorCode.INVALID_OPERATOR, "unknown operator 'between' for column 'a'"),
        Arguments.of("a.not.not.1", ErrorCode.INVALID_OPERATOR, "unknown operator 'not'"),
        Arguments.of("a.is.maybe", ErrorCode.INVALID_VALUE, "accepts null, true, false or unknown"),
        Arguments.of("and(a.eq.1", ErrorCode.INVALID_REQUEST, "expected ')' but the text ended"),
        Arguments.of("a.eq.\"abc", ErrorCode.INVALID_REQUEST, "unterminated quoted value"),
        Arguments.of("a.eq.\"x\"y", ErrorCode.INVALID_REQUEST, "text after a quoted value"),
        Arguments.of("a.eq.f(x)", ErrorCode.INVALID_REQUEST, "'(' inside a value; quote the value"),
        Arguments.of("a.in.(f(x))", ErrorCode.INVALID_REQUEST, "'(' inside a list value"),
        Arguments.of("a.in.1,2", ErrorCode.INVALID_REQUEST, "expected '('"),
        Arguments.of("a.eq.1)", ErrorCode.INVALID_REQUEST, "unexpected ')' at position 6"),
        Arguments.of("a.eq.1,", ErrorCode.INVALID_REQUEST, "expected a column name"),
        Arguments.of("(a.eq.1", ErrorCode.INVALID_REQUEST, "expected ')'"),
        Arguments.of("not.and(", ErrorCode.INVALID_REQUEST, "expected a column name"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidFilters")
  void rejects(String text, ErrorCode code, String message) {
    assertRejected(() -> FilterStringParser.parseList("or", text), code, message);
  }

  @Test
  void errorMessagesNameTheFieldAndEchoTheText() {
    assertRejected(
        () -> FilterStringParser.parseList("where.or", "a.eq"),
        ErrorCode.INVALID_REQUEST,
        "where.or 'a.eq' is not a valid filter");
  }

  @Test
  void groupsNestUpToSixteenLevelsCountingTheListItself() {
    assertThat(FilterStringParser.parseList("or", nested(15))).hasSize(1);
    assertRejected(
        () -> FilterStringParser.parseList("or", nested(16)),
        ErrorCode.INVALID_REQUEST,
        "groups nest deeper than 16 levels");
  }

  @Test
  void deepNestingFailsCleanlyInsteadOfOverflowingTheStack() {
    assertRejected(
        () -> FilterStringParser.parseList("or", nested(100_000)),
        ErrorCode.INVALID_REQUEST,
        "deeper than 16");
  }

  @Test
  void atMostTwoHundredComparisons() {
    assertThat(FilterStringParser.parseList("or", comparisons(200))).hasSize(200);
    assertRejected(
        () -> FilterStringParser.parseList("or", comparisons(201)),
        ErrorCode.INVALID_REQUEST,
        "more than 200 conditions");
  }

  @Test
  void parsesOperatorAndValueForAKnownColumn() {
    assertThat(FilterStringParser.parseOperatorValue("not", "archived_at", "is.null"))
        .isEqualTo(cmp("archived_at", Operator.IS, null));
    assertRejected(
        () -> FilterStringParser.parseOperatorValue("not", "a", "is.null,b.eq.1"),
        ErrorCode.INVALID_REQUEST,
        "unexpected ','");
  }

  @Test
  void parsesAnInListGivenAsText() {
    assertThat(FilterStringParser.parseInList("value", " (1, \"two,2\" ,3) "))
        .isEqualTo(List.of("1", "two,2", "3"));
  }

  private static String nested(int groups) {
    return "or(".repeat(groups) + "a.eq.1" + ")".repeat(groups);
  }

  private static String comparisons(int count) {
    String[] items = new String[count];
    Arrays.fill(items, "a.eq.1");
    return String.join(",", items);
  }
}
