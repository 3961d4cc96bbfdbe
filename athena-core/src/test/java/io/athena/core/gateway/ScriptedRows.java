package io.athena.core.gateway;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.RowStream;
import java.util.Arrays;
import java.util.List;

/**
 * A row stream over fixed rows that counts how many rows were pulled and whether it was closed, and
 * can fail after a number of rows as a broken connection would.
 */
final class ScriptedRows implements RowStream {
  private final List<String> columns;
  private final List<Object[]> rows;
  private int failAfter = -1;
  private int position = -1;
  int pulled;
  int closeCalls;

  ScriptedRows(List<String> columns, List<Object[]> rows) {
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
  }

  static ScriptedRows of(List<String> columns, Object[]... rows) {
    return new ScriptedRows(columns, Arrays.asList(rows));
  }

  /** {@code count} rows named {@code id} 1..count. */
  static ScriptedRows numbered(int count) {
    Object[][] rows = new Object[count][];
    for (int i = 0; i < count; i++) {
      rows[i] = new Object[] {i + 1};
    }
    return of(List.of("id"), rows);
  }

  /** After {@code rows} rows, {@link #next()} throws as a dropped connection would. */
  ScriptedRows failingAfter(int rows) {
    this.failAfter = rows;
    return this;
  }

  boolean closed() {
    return closeCalls > 0;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean next() {
    if (closed()) {
      throw new IllegalStateException("next() after close()");
    }
    if (failAfter >= 0 && position + 1 >= failAfter) {
      throw new GatewayException(ErrorCode.DATABASE_UNAVAILABLE, "connection lost");
    }
    position++;
    if (position < rows.size()) {
      pulled++;
      return true;
    }
    return false;
  }

  @Override
  public Object value(int index) {
    return rows.get(position)[index];
  }

  @Override
  public void close() {
    closeCalls++;
  }
}
