package io.athena.postgres.internal;

import io.athena.spi.CountMode;
import io.athena.spi.DeleteRequest;
import io.athena.spi.ErrorCode;
import io.athena.spi.FetchRequest;
import io.athena.spi.GatewayException;
import io.athena.spi.InsertRequest;
import io.athena.spi.SortKey;
import io.athena.spi.UpdateRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compiles gateway operations into single parameterized statements. Pure: it reads the catalog but
 * touches no connection, so every SQL shape is unit-tested against an in-memory catalog. Names are
 * checked against the grammar and the catalog and emitted double-quoted; values are always bound.
 */
final class SqlCompiler {

  /** The most values one statement may bind: the wire protocol counts them in 16 bits. */
  static final int MAX_PARAMS = 65_535;

  private final Catalog catalog;

  SqlCompiler(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  CompiledFetch fetch(FetchRequest request) {
    TableInfo table = catalog.table(request.table());
    SqlWriter where = new SqlWriter();
    ConditionCompiler.where(where, table, request.conditions());

    SqlWriter select = new SqlWriter().sql("SELECT ").sql(projection(table, request.columns()));
    select.sql(" FROM ").sql(table.quotedName()).append(where);
    orderBy(select, table, request.orderBy());
    paging(select, request.limit(), request.offset());
    CountQuery count = request.count() == null ? null : count(request, table, where);
    boolean fitsOneBatch =
        request.limit() != null && request.limit() <= ResultSetRowStream.FETCH_SIZE;
    return new CompiledFetch(select.toStatement(), count, fitsOneBatch);
  }

  SqlStatement insert(InsertRequest request) {
    TableInfo table = catalog.table(request.table());
    if (request.rows().isEmpty()) {
      throw invalidRequest("Insert needs at least one row");
    }
    List<ColumnInfo> columns = insertedColumns(table, request.rows());
    SqlWriter w = new SqlWriter().sql("INSERT INTO ").sql(table.quotedName()).sql(" (");
    w.sql(quotedList(columns)).sql(") VALUES ");
    for (int i = 0; i < request.rows().size(); i++) {
      w.sql(i == 0 ? "(" : ", (");
      row(w, columns, request.rows().get(i));
      w.sql(")");
    }
    if (!request.onConflict().isEmpty()) {
      onConflict(w, table, columns, request);
    }
    w.sql(" RETURNING ").sql(projection(table, request.returning()));
    return checked(w);
  }

  SqlStatement update(UpdateRequest request) {
    TableInfo table = catalog.table(request.table());
    if (request.conditions().isEmpty()) {
      throw invalidRequest("Update needs at least one condition; full-table updates are refused");
    }
    if (request.values().isEmpty()) {
      throw invalidRequest("Update needs at least one column to set");
    }
    SqlWriter w = new SqlWriter().sql("UPDATE ").sql(table.quotedName()).sql(" SET ");
    assignments(w, table, request.values());
    ConditionCompiler.where(w, table, request.conditions());
    w.sql(" RETURNING ").sql(projection(table, request.returning()));
    return checked(w);
  }

  SqlStatement delete(DeleteRequest request) {
    TableInfo table = catalog.table(request.table());
    if (request.resourceId() == null && request.conditions().isEmpty()) {
      throw invalidRequest("Delete needs a resource_id or at least one condition");
    }
    SqlWriter w = new SqlWriter().sql("DELETE FROM ").sql(table.quotedName()).sql(" WHERE ");
    String and = "";
    if (request.resourceId() != null) {
      ColumnInfo id = table.column("id");
      w.sql(id.quoted()).sql(" = ");
      w.bindAs(Params.filterValue(request.resourceId(), id.type()), id.type().sql());
      and = " AND ";
    }
    for (var condition : request.conditions()) {
      w.sql(and);
      ConditionCompiler.condition(w, table, condition);
      and = " AND ";
    }
    return checked(w);
  }

  private static String projection(TableInfo table, List<String> columns) {
    if (columns.isEmpty() || columns.equals(List.of("*"))) {
      return "*";
    }
    List<ColumnInfo> resolved = new ArrayList<>(columns.size());
    for (String column : columns) {
      resolved.add(table.column(column));
    }
    return quotedList(resolved);
  }

  private static String quotedList(List<ColumnInfo> columns) {
    StringBuilder sb = new StringBuilder();
    for (ColumnInfo c : columns) {
      sb.append(sb.length() == 0 ? "" : ", ").append(c.quoted());
    }
    return sb.toString();
  }

  private static void orderBy(SqlWriter w, TableInfo table, List<SortKey> keys) {
    for (int i = 0; i < keys.size(); i++) {
      SortKey key = keys.get(i);
      w.sql(i == 0 ? " ORDER BY " : ", ").sql(table.column(key.column()).quoted());
      w.sql(key.descending() ? " DESC" : " ASC");
    }
  }

  private static void paging(SqlWriter w, Long limit, Long offset) {
    if (limit != null) {
      w.sql(" LIMIT ").bind(new SqlParam.Int8(nonNegative("limit", limit)));
    }
    if (offset != null) {
      w.sql(" OFFSET ").bind(new SqlParam.Int8(nonNegative("offset", offset)));
    }
  }

  private static long nonNegative(String what, long value) {
    if (value < 0) {
      throw new GatewayException(
          ErrorCode.INVALID_VALUE, what + " was " + value + " but must not be negative");
    }
    return value;
  }

  private static CountQuery count(FetchRequest request, TableInfo table, SqlWriter where) {
    CountMode mode = request.count();
    SqlWriter explain = new SqlWriter().sql("EXPLAIN (FORMAT JSON) SELECT 1 FROM ");
    explain.sql(table.quotedName()).append(where);
    return switch (mode) {
      case EXACT -> {
        SqlWriter exact = new SqlWriter().sql("SELECT count(*) FROM ").sql(table.quotedName());
        yield new CountQuery(mode, exact.append(where).toStatement(), null);
      }
      case PLANNED -> new CountQuery(mode, explain.toStatement(), null);
      case ESTIMATED ->
          request.conditions().isEmpty()
              ? new CountQuery(mode, statistics(table), explain.toStatement())
              : new CountQuery(mode, explain.toStatement(), null);
    };
  }

  // reltuples is -1 before the first ANALYZE and meaningless for views; the runner then explains.
  private static SqlStatement statistics(TableInfo table) {
    SqlWriter w = new SqlWriter();
    w.sql("SELECT c.reltuples, c.relkind FROM pg_catalog.pg_class c WHERE c.oid = ");
    w.bindAs(SqlParam.text(table.quotedName()), "regclass");
    return w.toStatement();
  }

  // The union of the rows' keys in first-seen order; a row lacking a key gets DEFAULT there.
  private static List<ColumnInfo> insertedColumns(TableInfo table, List<Map<String, Object>> rows) {
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, Object> row : rows) {
      names.addAll(row.keySet());
    }
    List<ColumnInfo> columns = new ArrayList<>(names.size());
    for (String name : names) {
      columns.add(table.column(name));
    }
    if (columns.isEmpty()) {
      // rows of only defaults: any column will do, since every value is DEFAULT
      columns.add(table.columns().stream().findFirst().orElseThrow(() -> noColumns(table)));
    }
    return columns;
  }

  private static void row(SqlWriter w, List<ColumnInfo> columns, Map<String, Object> row) {
    for (int i = 0; i < columns.size(); i++) {
      ColumnInfo column = columns.get(i);
      w.sql(i == 0 ? "" : ", ");
      if (row.containsKey(column.name())) {
        w.bindAs(Params.writeValue(row.get(column.name()), column.type()), column.type().sql());
      } else {
        w.sql("DEFAULT");
      }
    }
  }

  private static void onConflict(
      SqlWriter w, TableInfo table, List<ColumnInfo> inserted, InsertRequest request) {
    List<ColumnInfo> target = new ArrayList<>();
    for (String name : request.onConflict()) {
      target.add(table.column(name));
    }
    w.sql(" ON CONFLICT (").sql(quotedList(target)).sql(")");
    if (request.updateBody() != null) {
      if (request.updateBody().isEmpty()) {
        w.sql(" DO NOTHING");
      } else {
        w.sql(" DO UPDATE SET ");
        assignments(w, table, request.updateBody());
      }
      return;
    }
    List<ColumnInfo> updated = new ArrayList<>(inserted);
    updated.removeAll(target);
    updated.removeIf(c -> request.rows().stream().noneMatch(r -> r.containsKey(c.name())));
    if (updated.isEmpty()) {
      w.sql(" DO NOTHING");
      return;
    }
    w.sql(" DO UPDATE SET ");
    for (int i = 0; i < updated.size(); i++) {
      String column = updated.get(i).quoted();
      w.sql(i == 0 ? "" : ", ").sql(column).sql(" = EXCLUDED.").sql(column);
    }
  }

  private static void assignments(SqlWriter w, TableInfo table, Map<String, Object> values) {
    String separator = "";
    for (Map.Entry<String, Object> e : values.entrySet()) {
      ColumnInfo column = table.column(e.getKey());
      w.sql(separator).sql(column.quoted()).sql(" = ");
      w.bindAs(Params.writeValue(e.getValue(), column.type()), column.type().sql());
      separator = ", ";
    }
  }

  private static SqlStatement checked(SqlWriter w) {
    if (w.paramCount() > MAX_PARAMS) {
      throw invalidRequest(
          "The operation binds "
              + w.paramCount()
              + " values but one statement takes at most "
              + MAX_PARAMS
              + "; split it into smaller batches");
    }
    return w.toStatement();
  }

  private static GatewayException noColumns(TableInfo table) {
    return invalidRequest("Table '" + table.qualifiedName() + "' has no columns to insert into");
  }

  private static GatewayException invalidRequest(String message) {
    return new GatewayException(ErrorCode.INVALID_REQUEST, message);
  }
}
