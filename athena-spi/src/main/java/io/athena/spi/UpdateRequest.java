package io.athena.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Update the rows matching the conditions.
 *
 * @param conditions filters, all of which must hold; never empty (the gateway refuses a full-table
 *     update)
 * @param values column → new JSON value ({@code null} values allowed), in the caller's order
 * @param returning the projection of the returned rows; empty means every column
 */
public record UpdateRequest(
    TableRef table, List<Condition> conditions, Map<String, Object> values, List<String> returning)
    implements GatewayOperation {
  public UpdateRequest {
    Objects.requireNonNull(table, "table");
    conditions = List.copyOf(conditions);
    // values may be null ("set to NULL"), which Map.copyOf refuses; keep the caller's order
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    returning = List.copyOf(returning);
  }

  @Override
  public OperationKind kind() {
    return OperationKind.UPDATE;
  }
}
