package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.spi.InsertRequest;
import io.athena.spi.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code /gateway/insert} body: {@code insert_body} (an object for one row, an array of
 * objects for several), {@code on_conflict} with an optional {@code update_body} for an upsert, and
 * {@code columns} for the returned rows.
 */
final class InsertParser {
  private InsertParser() {}

  /**
   * A parsed insert.
   *
   * @param single whether {@code insert_body} was one object, so the answer is one row too
   */
  record InsertCall(InsertRequest request, boolean single) {}

  static InsertCall parse(Fields body, String defaultSchema) {
    TableRef table = TableParser.table(body, defaultSchema);
    JsonNode insertBody = body.get("insert_body");
    if (insertBody == null) {
      throw Fields.invalid("insert_body is required (an object or an array of objects)");
    }
    List<String> onConflict = ColumnListParser.names(body, "on_conflict");
    InsertRequest request =
        new InsertRequest(
            table,
            rows(insertBody),
            onConflict,
            updateBody(body, onConflict),
            ColumnListParser.projection(body));
    return new InsertCall(request, insertBody.isObject());
  }

  private static List<Map<String, Object>> rows(JsonNode insertBody) {
    if (insertBody.isObject()) {
      return List.of(JsonValues.toMap(insertBody));
    }
    if (!insertBody.isArray()) {
      throw Fields.invalid("insert_body must be an object or an array of objects");
    }
    if (insertBody.isEmpty()) {
      throw Fields.invalid("insert_body must not be an empty array");
    }
    List<Map<String, Object>> rows = new ArrayList<>(insertBody.size());
    for (int i = 0; i < insertBody.size(); i++) {
      if (!insertBody.get(i).isObject()) {
        throw Fields.invalid("insert_body[" + i + "] must be an object");
      }
      rows.add(JsonValues.toMap(insertBody.get(i)));
    }
    return rows;
  }

  private static Map<String, Object> updateBody(Fields body, List<String> onConflict) {
    JsonNode updateBody = body.get("update_body");
    if (updateBody == null) {
      return null;
    }
    if (!updateBody.isObject()) {
      throw Fields.invalid("update_body must be an object");
    }
    if (onConflict.isEmpty()) {
      throw Fields.invalid("update_body needs on_conflict (the conflict target columns)");
    }
    return JsonValues.toMap(updateBody);
  }
}
