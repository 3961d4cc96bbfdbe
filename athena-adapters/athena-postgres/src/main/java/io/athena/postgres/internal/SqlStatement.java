package io.athena.postgres.internal;

import java.util.List;
import java.util.Objects;

/** One SQL statement with JDBC {@code ?} placeholders and the values bound to them, in order. */
record SqlStatement(String sql, List<SqlParam> params) {
  SqlStatement {
    Objects.requireNonNull(sql, "sql");
    params = List.copyOf(params);
  }
}
