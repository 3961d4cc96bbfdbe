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
 * @param readOnly whether the backend must run the SQL so that it cannot write (PostgreSQL: a
 *     {@code READ ONLY} transaction), because the client's raw SQL is restricted to reads
 */
public record QueryRequest(String sql, String schema, List<Object> params, boolean readOnly)
    implements GatewayOperation {
  public QueryRequest {
    Objects.requireNonNull(sql, "sql");
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }

  /** A query that may read and write. */
  public QueryRequest(String sql, String schema, List<Object> params) {
    this(sql, schema, params, false);
  }

  /** This query, restricted to reads. */
  public QueryRequest asReadOnly() {
    return new QueryRequest(sql, schema, params, true);
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
