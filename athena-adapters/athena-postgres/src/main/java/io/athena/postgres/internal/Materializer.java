package io.athena.postgres.internal;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole result set into memory, converting values as {@link ColumnReader} does. Only for
 * results bounded by the request itself (the RETURNING rows of a write).
 */
final class Materializer {
  private Materializer() {}

  /** Appends every row to {@code rows} and returns the column names. */
  static List<String> readAll(ResultSet rs, List<Object[]> rows) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    List<String> columns = new ArrayList<>(n);
    ColumnReader[] readers = new ColumnReader[n];
    for (int i = 0; i < n; i++) {
      columns.add(meta.getColumnLabel(i + 1));
      readers[i] = ColumnReader.forType(meta.getColumnTypeName(i + 1));
    }
    while (rs.next()) {
      Object[] row = new Object[n];
      for (int i = 0; i < n; i++) {
        row[i] = readers[i].read(rs, i + 1);
      }
      rows.add(row);
    }
    return columns;
  }
}
