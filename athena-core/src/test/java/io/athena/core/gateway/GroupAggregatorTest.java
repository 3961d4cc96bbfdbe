package io.athena.core.gateway;

import static io.athena.core.gateway.Bodies.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.gateway.GroupAggregator.Group;
import io.athena.core.gateway.PostProcessing.Granularity;
import io.athena.core.gateway.PostProcessing.Strategy;
import io.athena.spi.ErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GroupAggregatorTest {
  private static final List<String> COLUMNS = List.of("day", "amount", "user");

  private static Object[] row(Object day, Object amount, Object user) {
    return new Object[] {day, amount, user};
  }

  private static final List<Object[]> SALES =
      List.of(
          row("2024-03-02T09:00:00Z", 10, "ann"),
          row("2024-03-01T23:30:00Z", 5, "bo"),
          row("2024-03-02T10:00:00Z", 10, "ann"),
          row("2024-03-01T08:00:00Z", new BigDecimal("2.5"), "ann"),
          row("2024-03-03T00:00:00Z", null, null));

  private static List<Group> group(PostProcessing spec, List<Object[]> rows) {
    return GroupAggregator.group(spec, COLUMNS, rows);
  }

  private static PostProcessing byDay(Strategy strategy, String column, boolean dedup) {
    return new PostProcessing("day", Granularity.DAY, column, strategy, dedup);
  }

  private static List<Object> labels(List<Group> groups) {
    return groups.stream().map(Group::label).toList();
  }

  private static List<Object> aggregations(List<Group> groups) {
    return groups.stream().map(Group::aggregation).toList();
  }

  @Test
  void groupsByDayInUtcOrderedByLabelKeepingRowsInFetchOrder() {
    List<Group> groups = group(byDay(null, null, false), SALES);
    assertThat(labels(groups))
        .containsExactly("2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z", "2024-03-03T00:00:00Z");
    assertThat(groups.get(0).rows()).containsExactly(SALES.get(1), SALES.get(3));
    assertThat(aggregations(groups)).containsOnlyNulls();
  }

  static Stream<Arguments> strategies() {
    return Stream.of(
        Arguments.of(
            Strategy.CUMULATIVE_SUM,
            "amount",
            false,
            List.of(big("7.5"), big("27.5"), big("27.5"))),
        Arguments.of(
            Strategy.CUMULATIVE_SUM, "amount", true, List.of(big("7.5"), big("17.5"), big("17.5"))),
        Arguments.of(Strategy.SUM, "amount", false, List.of(big("7.5"), big(20), big(0))),
        Arguments.of(Strategy.SUM, "amount", true, List.of(big("7.5"), big(10), big(0))),
        Arguments.of(Strategy.COUNT, null, false, List.of(2L, 2L, 1L)),
        Arguments.of(Strategy.COUNT, "user", false, List.of(2L, 2L, 0L)),
        Arguments.of(Strategy.COUNT, "user", true, List.of(2L, 1L, 0L)),
        Arguments.of(Strategy.AVG, "amount", false, Arrays.asList(big("3.75"), big(10), null)),
        Arguments.of(Strategy.MIN, "amount", false, Arrays.asList(big("2.5"), big(10), null)),
        Arguments.of(Strategy.MAX, "amount", false, Arrays.asList(big(5), big(10), null)));
  }

  private static Number big(Object value) {
    return value instanceof String s ? new BigDecimal(s) : BigInteger.valueOf((Integer) value);
  }

  @ParameterizedTest(name = "{0} of {1}, dedup {2}")
  @MethodSource("strategies")
  void aggregatesEachGroup(Strategy strategy, String column, boolean dedup, List<Object> expected) {
    assertThat(aggregations(group(byDay(strategy, column, dedup), SALES))).isEqualTo(expected);
  }

  static Stream<Arguments> granularities() {
    return Stream.of(
        Arguments.of(Granularity.DAY, "2024-03-05T23:59:59+02:00", "2024-03-05T00:00:00Z"),
        Arguments.of(Granularity.DAY, "2024-03-05T23:59:59-02:00", "2024-03-06T00:00:00Z"),
        Arguments.of(Granularity.HOUR, "2024-03-05 10:15:30.123+00", "2024-03-05T10:00:00Z"),
        Arguments.of(Granularity.HOUR, "2024-03-05T10:15:30", "2024-03-05T10:00:00Z"),
        Arguments.of(Granularity.MINUTE, "2024-03-05T10:15:30.999999Z", "2024-03-05T10:15:00Z"),
        Arguments.of(Granularity.DAY, "2024-03-05", "2024-03-05T00:00:00Z"));
  }

  @ParameterizedTest(name = "{0} of {1}")
  @MethodSource("granularities")
  void truncatesTimestampsInUtc(Granularity granularity, String value, String label) {
    PostProcessing spec = new PostProcessing("day", granularity, null, null, false);
    assertThat(labels(group(spec, List.<Object[]>of(row(value, 1, "a"))))).containsExactly(label);
  }

  @Test
  void ordersNumbersNumericallyTextAsTextAndTheNullGroupLast() {
    PostProcessing spec = new PostProcessing("amount", null, null, Strategy.COUNT, false);
    List<Object[]> rows =
        List.of(
            row(null, null, null), row(null, 10, null), row(null, 9, null), row(null, 9.0, null));
    assertThat(labels(group(spec, rows))).containsExactly(9, 10, null);
    assertThat(aggregations(group(spec, rows))).containsExactly(2L, 1L, 1L);

    PostProcessing byUser = new PostProcessing("user", null, null, null, false);
    List<Object[]> users = List.of(row(null, 1, "bo"), row(null, 1, "Ann"), row(null, 1, "ann"));
    assertThat(labels(group(byUser, users))).containsExactly("Ann", "ann", "bo");
  }

  @Test
  void acceptsNumbersSentAsText() {
    PostProcessing spec = new PostProcessing("user", null, "amount", Strategy.SUM, false);
    List<Object[]> rows = List.of(row(null, "1.25", "a"), row(null, "2", "a"));
    assertThat(aggregations(group(spec, rows))).containsExactly(new BigDecimal("3.25"));
  }

  @Test
  void refusesWhatCannotBeAggregated() {
    assertRejected(
        () ->
            group(
                new PostProcessing("user", null, "user", Strategy.SUM, false),
                List.<Object[]>of(row(null, 1, "ann"))),
        ErrorCode.INVALID_VALUE,
        "aggregation_column 'user' holds 'ann', which is not a number");
    assertRejected(
        () -> group(new PostProcessing("nope", null, null, null, false), SALES),
        ErrorCode.UNKNOWN_COLUMN,
        "group_by column 'nope' is not among the fetched columns [day, amount, user]");
    assertRejected(
        () -> group(new PostProcessing("day", null, "nope", Strategy.SUM, false), SALES),
        ErrorCode.UNKNOWN_COLUMN,
        "aggregation_column column 'nope' is not among the fetched columns");
    assertRejected(
        () -> group(new PostProcessing("user", Granularity.DAY, null, null, false), SALES),
        ErrorCode.INVALID_VALUE,
        "group_by column 'user' holds 'ann', which is not an ISO timestamp");
  }
}
