package io.athena.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Insert one or more rows, optionally as an upsert.
 *
 * @param rows the rows, each a column → JSON value map; never empty
 * @param onConflict the conflict target columns for an upsert; empty for a plain insert
 * @param updateBody the column → value assignments on conflict; {@code null} means "set every
 *     inserted column except the conflict target to the inserted value"
 * @param returning the projection of the returned rows; empty means every column
 */
public record InsertRequest(
    TableRef table,
    List<Map<String, Object>> rows,
    List<String> onConflict,
    Map<String, Object> updateBody,
    List<String> returning)
    implements GatewayOperation {
  public InsertRequest {
    Objects.requireNonNull(table, "table");
    rows = List.copyOf(rows);
    onConflict = List.copyOf(onConflict);
    returning = List.copyOf(returning);
  }

  @Override
  public OperationKind kind() {
    return OperationKind.INSERT;
  }
}
