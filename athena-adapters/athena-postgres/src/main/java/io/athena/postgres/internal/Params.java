package io.athena.postgres.internal;

/**
 * Chooses how a JSON value is bound for a target type. Filters and written values differ only for
 * json/jsonb: in a filter a string is JSON text (PostgREST's {@code cs.{"a":1}}), while a string in
 * an insert or update body is a JSON string value, as PostgREST stores it.
 */
final class Params {
  private Params() {}

  /** A value compared with (or contained in) a column of {@code type}. */
  static SqlParam filterValue(Object value, ColumnType type) {
    if (type.isArray()) {
      return arrayValue(value);
    }
    return SqlParam.text(JsonValues.toText(value));
  }

  /** A value written to a column of {@code type} by an insert, upsert or update. */
  static SqlParam writeValue(Object value, ColumnType type) {
    if (value == null) {
      return SqlParam.text(null);
    }
    if (type.isJson()) {
      return SqlParam.text(JsonValues.toJson(value));
    }
    return filterValue(value, type);
  }

  /**
   * An array: a JSON array element by element; a string that is a PostgreSQL array literal ({@code
   * {1,2}}) as it is, for PostgreSQL to parse; any other string as a list ({@code (a,b)} or {@code
   * a,b}); a scalar as a one-element array.
   */
  static SqlParam arrayValue(Object value) {
    if (value instanceof String s && s.strip().startsWith("{")) {
      return SqlParam.text(s);
    }
    return new SqlParam.TextArray(JsonValues.toTextElements(value));
  }
}
