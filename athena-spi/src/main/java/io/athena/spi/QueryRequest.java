package io.athena.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Raw SQL with positional parameters bound as {@code $1..$n}.
 *
 * @param schema the schema to put first on the search path, or {@code null}
 * @param params JSON values bound in order; {@code null} elements are allowed
 */
public record QueryRequest(String sql, String schema, List<Object> params)
    implements GatewayOperation {
  public QueryRequest {
    Objects.requireNonNull(sql, "sql");
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }

  @Override
  public OperationKind kind() {
    return OperationKind.QUERY;
  }

  @Override
  public TableRef table() {
    return null;
  }
}
