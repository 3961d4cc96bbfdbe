package io.athena.postgres.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates SQL text and its bound values side by side, so that a placeholder and its value are
 * always added together and a value can never end up in the text.
 */
final class SqlWriter {
  private final StringBuilder sql = new StringBuilder(128);
  private final List<SqlParam> params = new ArrayList<>();

  /** Appends SQL text: keywords, quoted identifiers and catalog type names only. */
  SqlWriter sql(String text) {
    sql.append(text);
    return this;
  }

  /** Appends {@code ?} bound to {@code param}. */
  SqlWriter bind(SqlParam param) {
    sql.append('?');
    params.add(param);
    return this;
  }

  /** Appends {@code CAST(? AS type)} bound to {@code param}. */
  SqlWriter bindAs(SqlParam param, String type) {
    sql.append("CAST(");
    bind(param);
    sql.append(" AS ").append(type).append(')');
    return this;
  }

  /** Appends another writer's text and values, such as a WHERE clause shared by two statements. */
  SqlWriter append(SqlWriter other) {
    sql.append(other.sql);
    params.addAll(other.params);
    return this;
  }

  int paramCount() {
    return params.size();
  }

  SqlStatement toStatement() {
    return new SqlStatement(sql.toString(), params);
  }

  @Override
  public String toString() {
    return sql.toString();
  }
}
