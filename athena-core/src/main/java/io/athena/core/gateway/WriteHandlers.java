package io.athena.core.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import io.athena.core.cache.ReadCache;
import io.athena.core.gateway.DeleteParser.DeleteCall;
import io.athena.core.gateway.InsertParser.InsertCall;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Envelope;
import io.athena.spi.OperationResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers {@code /gateway/insert}, {@code /gateway/update} and {@code /gateway/delete}: the message
 * and {@code affected_rows} count the rows written, as the backend reports them.
 */
final class WriteHandlers {
  private final String defaultSchema;
  private final ReadCache cache;

  WriteHandlers(String defaultSchema, ReadCache cache) {
    this.defaultSchema = defaultSchema;
    this.cache = cache;
  }

  /**
   * Every write makes the client's cached reads stale, whichever table it names: a trigger, a
   * cascading foreign key or a view over the table changes what other cached fetches would return.
   */
  HttpResponse insert(GatewayCall call, Fields body) {
    return cache.afterWrite(call.client(), () -> insertNow(call, body));
  }

  HttpResponse update(GatewayCall call, Fields body) {
    return cache.afterWrite(call.client(), () -> updateNow(call, body));
  }

  HttpResponse delete(GatewayCall call, Fields body) {
    return cache.afterWrite(call.client(), () -> deleteNow(call, body));
  }

  /**
   * {@code data}: the inserted row for an object, the array of inserted rows for an array. When the
   * backend cannot count, every row sent counts: an insert writes all of them or fails.
   */
  private HttpResponse insertNow(GatewayCall call, Fields body) {
    InsertCall insert = InsertParser.parse(body, defaultSchema);
    OperationResult result = call.execute(insert.request());
    long sent = insert.request().rows().size();
    StreamingEnvelope.Trailer trailer =
        (out, rows) -> written(out, call, "Inserted", affected(result, sent));
    return insert.single()
        ? StreamingEnvelope.firstRow(result, call, trailer)
        : StreamingEnvelope.rows(result, call, trailer);
  }

  /** {@code data}: the array of updated rows; uncounted by the backend, the rows returned count. */
  private HttpResponse updateNow(GatewayCall call, Fields body) {
    OperationResult result = call.execute(UpdateParser.parse(body, defaultSchema, call.limits()));
    return StreamingEnvelope.rows(
        result, call, (out, rows) -> written(out, call, "Updated", affected(result, rows)));
  }

  /**
   * {@code data}: {@code {table_name, resource_id?}} as sent; uncounted, the rows returned count.
   */
  private HttpResponse deleteNow(GatewayCall call, Fields body) {
    DeleteCall delete = DeleteParser.parse(body, defaultSchema, call.limits());
    long affected;
    try (OperationResult result = call.execute(delete.request())) {
      affected = result.affectedRows();
      if (affected < 0) {
        affected = 0;
        while (result.rows().next()) {
          affected++;
        }
      }
    }
    call.trace().rowsAffected(affected);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("table_name", delete.tableName());
    if (delete.resourceId() != null) {
      data.put("resource_id", delete.resourceId());
    }
    return Envelope.success(
        200, "Deleted " + affected + " rows", data, Map.of("affected_rows", affected));
  }

  private static long affected(OperationResult result, long fallback) {
    return result.affectedRows() >= 0 ? result.affectedRows() : fallback;
  }

  private static void written(JsonGenerator out, GatewayCall call, String verb, long affected)
      throws IOException {
    call.trace().rowsAffected(affected);
    out.writeStringField("message", verb + " " + affected + " rows");
    out.writeNumberField("affected_rows", affected);
  }
}
