package io.athena.postgres.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A value bound to one {@code ?} of a compiled statement. Values travel as text (or a text array)
 * and the SQL casts them to the target type, so PostgreSQL's own input functions do the parsing and
 * report bad input as a data exception.
 */
sealed interface SqlParam {

  /** A text value, or SQL NULL when {@code value} is {@code null}. */
  record Text(String value) implements SqlParam {}

  /**
   * A {@code text[]} value; elements are {@code null}, {@link String} or a nested {@link List} for
   * multi-dimensional arrays.
   */
  record TextArray(List<Object> elements) implements SqlParam {
    public TextArray {
      elements = Collections.unmodifiableList(new ArrayList<>(elements));
    }
  }

  /** A {@code bigint}, for LIMIT and OFFSET. */
  record Int8(long value) implements SqlParam {}

  static SqlParam text(String value) {
    return new Text(value);
  }
}
