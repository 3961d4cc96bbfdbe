package io.athena.spi;

import java.util.Objects;

/**
 * What a backend returns for one operation. The caller must close it (which closes the rows).
 *
 * @param rows the returned rows (fetched, inserted, updated, deleted or selected)
 * @param affectedRows rows written by the operation, or -1 when not applicable
 * @param totalCount the count asked for with {@link CountMode}, or {@code null}
 * @param statementCount statements run (raw SQL may hold several)
 */
public record OperationResult(
    RowStream rows, long affectedRows, Long totalCount, int statementCount)
    implements AutoCloseable {
  public OperationResult {
    Objects.requireNonNull(rows, "rows");
  }

  @Override
  public void close() {
    rows.close();
  }
}
