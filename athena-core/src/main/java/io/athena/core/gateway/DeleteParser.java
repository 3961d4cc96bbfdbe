package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.spi.Condition;
import io.athena.spi.DeleteRequest;
import io.athena.spi.TableRef;
import java.util.List;

/**
 * Reads a {@code /gateway/delete} body: {@code table_name}, and {@code resource_id} (matches the
 * {@code id} column) and/or conditions; at least one of them is required.
 */
final class DeleteParser {
  private DeleteParser() {}

  /**
   * A parsed delete.
   *
   * @param tableName {@code table_name} as sent, echoed in the answer
   * @param resourceId {@code resource_id} as sent, or {@code null}
   */
  record DeleteCall(DeleteRequest request, String tableName, Object resourceId) {}

  static DeleteCall parse(Fields body, String defaultSchema) {
    TableRef table = TableParser.table(body, defaultSchema);
    Object resourceId = resourceId(body);
    List<Condition> conditions = ConditionParser.parse(body);
    if (resourceId == null && conditions.isEmpty()) {
      throw Fields.invalid("delete requires resource_id or conditions");
    }
    return new DeleteCall(
        new DeleteRequest(table, resourceId, conditions),
        body.requiredString("table_name"),
        resourceId);
  }

  private static Object resourceId(Fields body) {
    JsonNode node = body.get("resource_id");
    if (node == null || (node.isTextual() && node.asText().isBlank())) {
      return null;
    }
    if (!node.isTextual() && !node.isNumber()) {
      throw Fields.invalid("resource_id must be a string or a number");
    }
    return JsonValues.toJava(node);
  }
}
