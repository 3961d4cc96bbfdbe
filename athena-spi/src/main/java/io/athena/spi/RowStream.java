package io.athena.spi;

import java.util.Iterator;
import java.util.List;

/**
 * Rows produced by a backend, read one at a time so that a large result never has to sit in memory.
 * Values are {@code null}, {@link String}, {@link Boolean}, {@link Number}, {@link RawJson} or a
 * {@link List} of such values. The stream holds backend resources until {@link #close()}.
 */
public interface RowStream extends AutoCloseable {

  /** The column names, in order. */
  List<String> columns();

  /** Moves to the next row; false when there is none. */
  boolean next();

  /** The value of column {@code index} (0-based) of the current row. */
  Object value(int index);

  @Override
  void close();

  /** An empty stream with no columns. */
  static RowStream empty() {
    return of(List.of(), List.of());
  }

  /** A stream over rows already in memory. */
  static RowStream of(List<String> columns, List<Object[]> rows) {
    List<String> names = List.copyOf(columns);
    Iterator<Object[]> it = List.copyOf(rows).iterator();
    return new RowStream() {
      private Object[] current;

      @Override
      public List<String> columns() {
        return names;
      }

      @Override
      public boolean next() {
        current = it.hasNext() ? it.next() : null;
        return current != null;
      }

      @Override
      public Object value(int index) {
        return current[index];
      }

      @Override
      public void close() {}
    };
  }
}
