package io.athena.spi;

import java.util.List;
import java.util.Objects;

/**
 * Delete rows by {@code id} and/or conditions. The gateway guarantees that at least one of them is
 * present.
 *
 * @param resourceId the value of the {@code id} column to match, or {@code null}
 * @param conditions further filters, all of which must hold
 */
public record DeleteRequest(TableRef table, Object resourceId, List<Condition> conditions)
    implements GatewayOperation {
  public DeleteRequest {
    Objects.requireNonNull(table, "table");
    conditions = List.copyOf(conditions);
  }

  @Override
  public OperationKind kind() {
    return OperationKind.DELETE;
  }
}
