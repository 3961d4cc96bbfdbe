package io.athena.core.gateway;

import io.athena.core.cache.ReadCache;
import io.athena.core.http.HttpResponse;
import io.athena.spi.GatewayOperation;
import io.athena.spi.OperationResult;
import io.athena.spi.QueryRequest;

/**
 * Answers {@code /gateway/query}: {@code {"status":"success","data":[rows],"message":"Query
 * executed","meta":{returned_row_count, rows_affected, statement_count, backend}}}, rows streamed.
 */
final class QueryHandler {
  private final String defaultSchema;
  private final ReadCache cache;

  QueryHandler(String defaultSchema, ReadCache cache) {
    this.defaultSchema = defaultSchema;
    this.cache = cache;
  }

  /**
   * Raw SQL may write any table, and which it cannot be told: unless the backend runs it read-only,
   * it makes every cached read of the client stale.
   */
  HttpResponse handle(GatewayCall call, Fields body) {
    GatewayOperation checked = call.authorize(QueryParser.parse(body, defaultSchema));
    if (checked instanceof QueryRequest query && query.readOnly()) {
      return run(call, checked);
    }
    return cache.afterWrite(call.client(), () -> run(call, checked));
  }

  private static HttpResponse run(GatewayCall call, GatewayOperation checked) {
    OperationResult result = call.run(checked);
    return StreamingEnvelope.rows(
        result,
        call,
        (out, rows) -> {
          out.writeStringField("message", "Query executed");
          if (result.affectedRows() >= 0) {
            call.trace().rowsAffected(result.affectedRows());
          }
          out.writeObjectFieldStart("meta");
          out.writeNumberField("returned_row_count", rows);
          // a backend reports -1 when the statements wrote nothing it could count
          out.writeNumberField("rows_affected", Math.max(result.affectedRows(), 0));
          out.writeNumberField("statement_count", result.statementCount());
          out.writeStringField("backend", call.backend().kind());
          out.writeEndObject();
        });
  }
}
