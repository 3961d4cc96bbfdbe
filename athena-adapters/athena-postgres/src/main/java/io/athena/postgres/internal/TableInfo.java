package io.athena.postgres.internal;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table, view or materialized view with its columns in attribute order. Lookups are exact and
 * case-sensitive, as PostgreSQL's quoted identifiers are.
 */
final class TableInfo {
  private final String schema;
  private final String name;
  private final Map<String, ColumnInfo> columns;

  TableInfo(String schema, String name, List<ColumnInfo> columns) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.name = Objects.requireNonNull(name, "name");
    Map<String, ColumnInfo> byName = new LinkedHashMap<>();
    for (ColumnInfo c : columns) {
      byName.put(c.name(), c);
    }
    this.columns = Collections.unmodifiableMap(byName);
  }

  String schema() {
    return schema;
  }

  String name() {
    return name;
  }

  /** {@code schema.name}, unquoted, for messages. */
  String qualifiedName() {
    return schema + "." + name;
  }

  /** {@code "schema"."name"} for SQL. */
  String quotedName() {
    return '"' + schema + "\".\"" + name + '"';
  }

  Collection<ColumnInfo> columns() {
    return columns.values();
  }

  boolean hasColumn(String column) {
    return columns.containsKey(column);
  }

  /**
   * The column named {@code column}, after the identifier grammar check.
   *
   * @throws GatewayException {@code INVALID_IDENTIFIER} or {@code UNKNOWN_COLUMN}
   */
  ColumnInfo column(String column) {
    SqlIdentifier.of("column", column);
    ColumnInfo info = columns.get(column);
    if (info == null) {
      throw new GatewayException(
          ErrorCode.UNKNOWN_COLUMN,
          "Column '" + column + "' does not exist on table '" + qualifiedName() + "'");
    }
    return info;
  }

  @Override
  public String toString() {
    return qualifiedName() + columns.keySet();
  }
}
