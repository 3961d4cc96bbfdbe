package io.athena.spi;

import java.util.List;
import java.util.Objects;

/**
 * A filter over rows. Leaves compare one column with one value; {@link AnyOf}, {@link AllOf} and
 * {@link Not} combine them. Values are plain JSON values: {@code null}, {@link Boolean}, {@link
 * Number}, {@link String}, {@link List} or {@link java.util.Map}.
 */
public sealed interface Condition {

  /**
   * {@code column operator value}, optionally casting the column and/or the value to a PostgreSQL
   * type first.
   *
   * @param columnCast a type name such as {@code text}, or {@code null}
   * @param valueCast a type name such as {@code uuid}, or {@code null} to use the column's type
   */
  record Comparison(
      String column, Operator operator, Object value, String columnCast, String valueCast)
      implements Condition {
    public Comparison {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(operator, "operator");
    }

    public Comparison(String column, Operator operator, Object value) {
      this(column, operator, value, null, null);
    }
  }

  /** True when any of the conditions holds (PostgREST {@code or=(...)}). */
  record AnyOf(List<Condition> conditions) implements Condition {
    public AnyOf {
      conditions = List.copyOf(conditions);
    }
  }

  /** True when all of the conditions hold. */
  record AllOf(List<Condition> conditions) implements Condition {
    public AllOf {
      conditions = List.copyOf(conditions);
    }
  }

  /** True when the condition does not hold. */
  record Not(Condition condition) implements Condition {
    public Not {
      Objects.requireNonNull(condition, "condition");
    }
  }
}
