package io.athena.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads the tables, views, materialized views, partitioned and foreign tables of every non-system
 * schema, with their columns, in one query. Types come from {@code format_type}, which spells them
 * as valid, quoted-where-needed SQL, so the compiler can cast to them verbatim (see {@link
 * ColumnType} for why casts leave out the modifier).
 */
final class CatalogLoader implements CatalogCache.Loader {

  // Domains are classified by their base type, so a domain over jsonb still gets @> on jsonb.
  private static final String SQL =
      """
      SELECT n.nspname, c.relname, a.attname,
             format_type(a.atttypid, NULL), format_type(a.atttypid, a.atttypmod),
             bt.typcategory, bt.typname, bt.typtype
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_attribute a
               ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_catalog.pg_type bt
               ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
       WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
         AND n.nspname NOT IN ('pg_catalog', 'information_schema')
         AND n.nspname !~ '^pg_(toast|temp_)'
       ORDER BY n.nspname, c.relname, a.attnum
      """;

  private final DataSource dataSource;

  CatalogLoader(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public CatalogSnapshot load() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SQL);
        ResultSet rs = ps.executeQuery()) {
      return CatalogSnapshot.of(readTables(rs));
    }
  }

  private static List<TableInfo> readTables(ResultSet rs) throws SQLException {
    List<TableInfo> tables = new ArrayList<>();
    String schema = null;
    String table = null;
    List<ColumnInfo> columns = new ArrayList<>();
    while (rs.next()) {
      String rowSchema = rs.getString(1);
      String rowTable = rs.getString(2);
      if (!rowSchema.equals(schema) || !rowTable.equals(table)) {
        if (table != null) {
          tables.add(new TableInfo(schema, table, columns));
        }
        schema = rowSchema;
        table = rowTable;
        columns = new ArrayList<>();
      }
      String column = rs.getString(3);
      if (column != null) {
        columns.add(new ColumnInfo(column, typeOf(rs)));
      }
    }
    if (table != null) {
      tables.add(new TableInfo(schema, table, columns));
    }
    return tables;
  }

  private static ColumnType typeOf(ResultSet rs) throws SQLException {
    String castTarget = rs.getString(4);
    String declared = rs.getString(5);
    String category = rs.getString(6);
    String baseName = rs.getString(7);
    String typtype = rs.getString(8);
    return new ColumnType(castTarget, declared, classify(category, baseName, typtype));
  }

  static ColumnType.Kind classify(String category, String baseName, String typtype) {
    if ("A".equals(category)) {
      return ColumnType.Kind.ARRAY;
    }
    if ("S".equals(category)) {
      return ColumnType.Kind.TEXT;
    }
    if ("json".equals(baseName)) {
      return ColumnType.Kind.JSON;
    }
    if ("jsonb".equals(baseName)) {
      return ColumnType.Kind.JSONB;
    }
    if ("r".equals(typtype) || "m".equals(typtype)) {
      return ColumnType.Kind.RANGE;
    }
    return ColumnType.Kind.OTHER;
  }
}
