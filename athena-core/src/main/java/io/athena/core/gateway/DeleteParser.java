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
    return parse(body, defaultSchema, GatewayLimits.DEFAULTS);
  }

  static DeleteCall parse(Fields body, String defaultSchema, GatewayLimits limits) {
    TableRef table = TableParser.table(body, defaultSchema);
    checkFetchOnlyFields(body);
    Object resourceId = resourceId(body);
    List<Condition> conditions = ConditionParser.parse(body, limits);
    if (resourceId == null && conditions.isEmpty()) {
      throw Fields.invalid("delete requires resource_id or conditions");
    }
    return new DeleteCall(
        new DeleteRequest(table, resourceId, conditions),
        body.requiredString("table_name"),
        resourceId);
  }

  /**
   * A delete has no use for a fetch's projection, sort, paging or count, but clients send them
   * along (the JS SDK shares one options object between calls), so they are not refused outright;
   * they are type-checked as a fetch checks them, so that an ill-typed one is refused by name
   * instead of silently ignored. Unknown keys stay allowed: SDKs add their own.
   */
  private static void checkFetchOnlyFields(Fields body) {
    ColumnListParser.projection(body);
    SortParser.parse(body);
    PagingParser.parse(body);
    FetchParser.count(body);
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
