package io.athena.postgres.internal;

import java.util.Objects;

/** One column of a table or view, as read from the catalog. */
record ColumnInfo(String name, ColumnType type) {
  ColumnInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** The column name, double-quoted for SQL. */
  String quoted() {
    return '"' + name + '"';
  }
}
