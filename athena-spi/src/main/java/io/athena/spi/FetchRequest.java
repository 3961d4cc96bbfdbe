package io.athena.spi;

import java.util.List;
import java.util.Objects;

/**
 * Read rows of one table or view.
 *
 * @param columns the projection; empty means every column
 * @param conditions filters, all of which must hold
 * @param orderBy sort keys in order of precedence
 * @param limit maximum rows, or {@code null} for no limit
 * @param offset rows to skip, or {@code null}
 * @param count whether and how to count the matching rows, or {@code null} for no count
 */
public record FetchRequest(
    TableRef table,
    List<String> columns,
    List<Condition> conditions,
    List<SortKey> orderBy,
    Long limit,
    Long offset,
    CountMode count)
    implements GatewayOperation {
  public FetchRequest {
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    conditions = List.copyOf(conditions);
    orderBy = List.copyOf(orderBy);
  }

  @Override
  public OperationKind kind() {
    return OperationKind.FETCH;
  }
}
