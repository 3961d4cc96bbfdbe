package io.athena.spi;

/** A parsed gateway request, ready for a {@link Backend}. */
public sealed interface GatewayOperation
    permits FetchRequest, InsertRequest, UpdateRequest, DeleteRequest, QueryRequest {

  OperationKind kind();

  /** The table the operation touches, or {@code null} for raw SQL. */
  TableRef table();
}
