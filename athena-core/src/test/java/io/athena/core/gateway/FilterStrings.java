package io.athena.core.gateway;

import io.athena.spi.Condition;
import io.athena.spi.Condition.AllOf;
import io.athena.spi.Condition.AnyOf;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.Condition.Not;
import io.athena.spi.Operator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders condition trees as PostgREST filter strings: the inverse of {@link FilterStringParser},
 * for round-trip tests. Values go out raw when that is unambiguous (array literals such as {@code
 * {a,b}} included), quoted otherwise.
 */
final class FilterStrings {
  private static final String RESERVED = ",()\"{}[]\\";

  private FilterStrings() {}

  static String list(List<Condition> items) {
    return items.stream().map(FilterStrings::item).collect(Collectors.joining(","));
  }

  static String item(Condition condition) {
    if (condition instanceof Comparison c) {
      return comparison(c, false);
    }
    if (condition instanceof AnyOf any) {
      return "or(" + list(any.conditions()) + ")";
    }
    if (condition instanceof AllOf all) {
      return "and(" + list(all.conditions()) + ")";
    }
    Condition inner = ((Not) condition).condition();
    return inner instanceof Comparison c ? comparison(c, true) : "not." + item(inner);
  }

  private static String comparison(Comparison c, boolean negated) {
    return c.column() + "." + (negated ? "not." : "") + c.operator().wireName() + "." + value(c);
  }

  private static String value(Comparison c) {
    if (c.operator() == Operator.IN) {
      List<?> values = (List<?>) c.value();
      return values.stream()
          .map(v -> scalar((String) v, false))
          .collect(Collectors.joining(",", "(", ")"));
    }
    if (c.operator() == Operator.IS) {
      return String.valueOf(c.value());
    }
    return scalar((String) c.value(), true);
  }

  /** In an {@code in} list, brackets do not protect commas. */
  private static String scalar(String value, boolean arrayLiteralsRaw) {
    boolean raw =
        !value.isEmpty()
            && value.equals(value.strip())
            && value.chars().noneMatch(ch -> RESERVED.indexOf(ch) >= 0);
    return raw || (arrayLiteralsRaw && arrayLiteral(value)) ? value : quoted(value);
  }

  /** {@code {a,b}} or {@code [1,2]}: raw values whose commas the brackets protect. */
  private static boolean arrayLiteral(String value) {
    boolean braces = value.startsWith("{") && value.endsWith("}");
    boolean brackets = value.startsWith("[") && value.endsWith("]");
    return value.length() >= 2
        && (braces || brackets)
        && value
            .substring(1, value.length() - 1)
            .chars()
            .noneMatch(ch -> RESERVED.indexOf(ch) >= 0 && ch != ',');
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
