package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.spi.Condition;
import io.athena.spi.TableRef;
import io.athena.spi.UpdateRequest;
import java.util.List;

/**
 * Reads a {@code /gateway/update} body: a fetch-style target with its conditions (required: a
 * full-table update is refused), the new values in {@code update_body} (the JS SDK sends them as
 * {@code data}; {@code set} is accepted too) and {@code columns} for the returned rows.
 */
final class UpdateParser {
  private static final List<String> VALUE_FIELDS = List.of("update_body", "data", "set");

  private UpdateParser() {}

  static UpdateRequest parse(Fields body, String defaultSchema) {
    return parse(body, defaultSchema, GatewayLimits.DEFAULTS);
  }

  static UpdateRequest parse(Fields body, String defaultSchema, GatewayLimits limits) {
    TableRef table = TableParser.tableOrView(body, defaultSchema);
    JsonNode values =
        VALUE_FIELDS.stream().map(body::get).filter(v -> v != null).findFirst().orElse(null);
    if (values == null || !values.isObject() || values.isEmpty()) {
      throw Fields.invalid("update_body is required and must be a non-empty object");
    }
    List<Condition> conditions = ConditionParser.parse(body, limits);
    if (conditions.isEmpty()) {
      throw Fields.invalid(
          "update requires conditions (conditions, where, or, not); a full-table update is refused");
    }
    return new UpdateRequest(
        table, conditions, JsonValues.toMap(values), ColumnListParser.projection(body));
  }
}
