package io.athena.core.gateway;

import io.athena.core.gateway.PostProcessing.Strategy;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes {@code post_processing.grouped}: the fetched rows split by the {@code group_by} value,
 * groups ordered by label (numbers numerically, other values as text, the null group last), each
 * with its aggregation. For {@code cumulative_sum} a group's aggregation is the running total up to
 * and including that group.
 */
final class GroupAggregator {
  /** ISO dates and times as JSON and PostgreSQL's text output write them; no offset means UTC. */
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:mm", "Z")
          .optionalEnd()
          .toFormatter();

  private static final Comparator<Object> LABEL_ORDER =
      Comparator.nullsLast(GroupAggregator::compareLabels);

  private GroupAggregator() {}

  /** One group: its label, its rows (in fetch order) and its aggregation (or {@code null}). */
  record Group(Object label, List<Object[]> rows, Object aggregation) {}

  static List<Group> group(PostProcessing spec, List<String> columns, List<Object[]> rows) {
    int groupIndex = index(columns, spec.groupBy(), "group_by");
    int valueIndex =
        spec.aggregationColumn() == null
            ? -1
            : index(columns, spec.aggregationColumn(), "aggregation_column");
    Map<Object, List<Object[]>> byKey = new LinkedHashMap<>();
    Map<Object, Object> labels = new LinkedHashMap<>();
    for (Object[] row : rows) {
      Object label = label(spec, row[groupIndex]);
      Object key = key(label);
      labels.putIfAbsent(key, label);
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
    }
    List<Object> keys = new ArrayList<>(byKey.keySet());
    keys.sort(Comparator.comparing(labels::get, LABEL_ORDER));
    List<Group> groups = new ArrayList<>();
    BigDecimal runningTotal = BigDecimal.ZERO;
    for (Object key : keys) {
      List<Object[]> groupRows = byKey.get(key);
      Object aggregation = null;
      if (spec.strategy() == Strategy.CUMULATIVE_SUM) {
        runningTotal = runningTotal.add(sum(numbers(spec, groupRows, valueIndex)));
        aggregation = normalize(runningTotal);
      } else if (spec.strategy() != null) {
        aggregation = aggregate(spec, groupRows, valueIndex);
      }
      groups.add(new Group(labels.get(key), groupRows, aggregation));
    }
    return groups;
  }

  private static Object aggregate(PostProcessing spec, List<Object[]> rows, int valueIndex) {
    if (spec.strategy() == Strategy.COUNT) {
      return valueIndex < 0 ? (long) rows.size() : (long) values(spec, rows, valueIndex).size();
    }
    List<BigDecimal> numbers = numbers(spec, rows, valueIndex);
    return switch (spec.strategy()) {
      case SUM -> normalize(sum(numbers));
      case AVG ->
          numbers.isEmpty()
              ? null
              : normalize(
                  sum(numbers).divide(BigDecimal.valueOf(numbers.size()), MathContext.DECIMAL64));
      case MIN ->
          numbers.stream()
              .min(Comparator.naturalOrder())
              .map(GroupAggregator::normalize)
              .orElse(null);
      case MAX ->
          numbers.stream()
              .max(Comparator.naturalOrder())
              .map(GroupAggregator::normalize)
              .orElse(null);
      default -> throw new IllegalStateException("unexpected strategy " + spec.strategy());
    };
  }

  /** The non-null values of the aggregation column, distinct when {@code dedup} is asked. */
  private static List<Object> values(PostProcessing spec, List<Object[]> rows, int valueIndex) {
    List<Object> values = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    for (Object[] row : rows) {
      Object value = row[valueIndex];
      if (value != null && (!spec.dedup() || seen.add(key(value)))) {
        values.add(value);
      }
    }
    return values;
  }

  private static List<BigDecimal> numbers(PostProcessing spec, List<Object[]> rows, int index) {
    List<BigDecimal> numbers = new ArrayList<>();
    for (Object value : values(spec, rows, index)) {
      numbers.add(number(spec.aggregationColumn(), value));
    }
    return numbers;
  }

  private static BigDecimal number(String column, Object value) {
    try {
      return value instanceof BigDecimal decimal
          ? decimal
          : new BigDecimal(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new GatewayException(
          ErrorCode.INVALID_VALUE,
          "aggregation_column '"
              + column
              + "' holds '"
              + FilterStringParser.printable(String.valueOf(value))
              + "', which is not a number");
    }
  }

  private static BigDecimal sum(List<BigDecimal> numbers) {
    return numbers.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Whole results as integers, others without trailing zeros. */
  static Number normalize(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() <= 0 ? stripped.toBigIntegerExact() : stripped;
  }

  private static Object label(PostProcessing spec, Object value) {
    if (spec.granularity() == null || value == null) {
      return value;
    }
    Instant instant = instant(spec.groupBy(), String.valueOf(value).trim());
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(spec.granularity().unit));
  }

  private static Instant instant(String column, String text) {
    try {
      TemporalAccessor parsed =
          TIMESTAMP.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
      if (parsed instanceof OffsetDateTime offset) {
        return offset.toInstant();
      }
      if (parsed instanceof LocalDateTime local) {
        return local.toInstant(ZoneOffset.UTC);
      }
      return ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new GatewayException(
          ErrorCode.INVALID_VALUE,
          "group_by column '"
              + column
              + "' holds '"
              + FilterStringParser.printable(text)
              + "', which is not an ISO timestamp (time_granularity needs one)");
    }
  }

  /** Equal numbers group together whatever their scale or type (1, 1L and 1.0). */
  private static Object key(Object value) {
    if (value instanceof Number number) {
      BigDecimal decimal = decimal(number);
      return decimal == null ? value : decimal.stripTrailingZeros();
    }
    return value;
  }

  private static int compareLabels(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      BigDecimal dx = decimal(x);
      BigDecimal dy = decimal(y);
      return dx != null && dy != null
          ? dx.compareTo(dy)
          : Double.compare(x.doubleValue(), y.doubleValue());
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  /** The exact value of a number, or {@code null} for NaN and the infinities. */
  private static BigDecimal decimal(Number number) {
    try {
      return number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int index(List<String> columns, String column, String field) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new GatewayException(
          ErrorCode.UNKNOWN_COLUMN,
          field + " column '" + column + "' is not among the fetched columns " + columns);
    }
    return index;
  }
}
