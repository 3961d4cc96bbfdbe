package io.athena.core.gateway;

import io.athena.core.http.HttpResponse;
import io.athena.spi.OperationResult;

/**
 * Answers {@code /gateway/query}: {@code {"status":"success","data":[rows],"message":"Query
 * executed","meta":{returned_row_count, rows_affected, statement_count, backend}}}, rows streamed.
 */
final class QueryHandler {
  private final String defaultSchema;

  QueryHandler(String defaultSchema) {
    this.defaultSchema = defaultSchema;
  }

  HttpResponse handle(GatewayCall call, Fields body) {
    OperationResult result = call.execute(QueryParser.parse(body, defaultSchema));
    return StreamingEnvelope.rows(
        result,
        call,
        (out, rows) -> {
          out.writeStringField("message", "Query executed");
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
