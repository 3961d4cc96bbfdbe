package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list of column names given as a JSON array ({@code ["id","name"]}) or a comma string
 * ({@code "id, name"}): {@code columns} (a projection, where {@code *} means every column) and
 * {@code on_conflict}.
 */
final class ColumnListParser {
  private ColumnListParser() {}

  /**
   * The projection of {@code columns}; empty means every column. A {@code *} anywhere selects every
   * column. The JS SDK's {@code select} (a string, or an object whose {@code true} keys are the
   * columns) is read when {@code columns} is absent.
   */
  static List<String> projection(Fields body) {
    List<String> columns;
    if (body.has("columns")) {
      columns = names(body, "columns");
    } else if (body.has("select") && body.get("select").isObject()) {
      columns = selectedKeys(body.get("select"));
    } else {
      columns = names(body, "select");
    }
    return columns.contains("*") ? List.of() : columns;
  }

  /** The names of a list field; empty when absent. Blank entries are skipped. */
  static List<String> names(Fields body, String field) {
    JsonNode value = body.get(field);
    List<String> names = new ArrayList<>();
    if (value == null) {
      return names;
    }
    if (value.isTextual()) {
      for (String part : value.asText().split(",", -1)) {
        add(names, part);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        JsonNode element = value.get(i);
        if (!element.isTextual()) {
          throw Fields.invalid(body.name(field) + "[" + i + "] must be a string");
        }
        add(names, element.asText());
      }
    } else {
      throw Fields.invalid(body.name(field) + " must be an array of names or a comma string");
    }
    return names;
  }

  private static List<String> selectedKeys(JsonNode select) {
    List<String> names = new ArrayList<>();
    select
        .properties()
        .forEach(
            e -> {
              if (e.getValue().asBoolean(false)) {
                names.add(e.getKey());
              }
            });
    return names;
  }

  private static void add(List<String> names, String raw) {
    String name = raw.trim();
    if (!name.isEmpty()) {
      names.add(name);
    }
  }
}
