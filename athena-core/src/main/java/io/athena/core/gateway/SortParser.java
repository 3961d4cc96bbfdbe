package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.spi.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the sort of a fetch from {@code sort_by} and {@code order_by} (either may carry one key or
 * several): an object {@code {field|column, direction|ascending}}, an object of column → direction
 * ({@code {"created_at": "desc"}}), a string {@code "created_at.desc,id"}, or an array of those.
 * Keys of {@code sort_by} come first.
 */
final class SortParser {
  private static final String DIRECTIONS = "asc, desc, ascending, descending";

  private SortParser() {}

  static List<SortKey> parse(Fields body) {
    List<SortKey> keys = new ArrayList<>();
    for (String field : List.of("sort_by", "order_by")) {
      JsonNode node = body.get(field);
      if (node != null) {
        keys.addAll(keys(body.name(field), node));
      }
    }
    return keys;
  }

  private static List<SortKey> keys(String name, JsonNode node) {
    if (node.isTextual()) {
      return fromString(name, node.asText());
    }
    if (node.isObject()) {
      return fromObject(name, node);
    }
    if (!node.isArray()) {
      throw Fields.invalid(name + " must be an object, an array or a string");
    }
    List<SortKey> keys = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      String elementName = name + "[" + i + "]";
      if (!element.isTextual() && !element.isObject()) {
        throw Fields.invalid(elementName + " must be an object or a string");
      }
      keys.addAll(keys(elementName, element));
    }
    return keys;
  }

  private static List<SortKey> fromObject(String name, JsonNode node) {
    Fields sort = Fields.nested(node, name);
    if (sort.has("field") || sort.has("column")) {
      String column = sort.string("field").or(() -> sort.string("column")).orElse("");
      if (column.isEmpty()) {
        throw Fields.invalid(sort.name("field") + " must name a column");
      }
      return List.of(new SortKey(column, descending(sort)));
    }
    if (node.isEmpty()) {
      throw Fields.invalid(sort.name("field") + " is required");
    }
    List<SortKey> keys = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String entryName = sort.name(entry.getKey());
      if (!entry.getValue().isTextual()) {
        throw Fields.invalid(entryName + " must be one of " + DIRECTIONS);
      }
      keys.add(new SortKey(entry.getKey(), direction(entryName, entry.getValue().asText())));
    }
    return keys;
  }

  private static boolean descending(Fields sort) {
    if (sort.has("direction")) {
      return direction(sort.name("direction"), sort.string("direction").orElse(""));
    }
    return sort.bool("ascending").map(ascending -> !ascending).orElse(false);
  }

  private static List<SortKey> fromString(String name, String text) {
    List<SortKey> keys = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      String trimmed = item.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] parts = trimmed.split("\\.", -1);
      if (parts.length > 2 || parts[0].isBlank()) {
        throw Fields.invalid(
            name
                + " item '"
                + FilterStringParser.printable(trimmed)
                + "' must be column or column.direction");
      }
      boolean descending = parts.length == 2 && direction(name, parts[1]);
      keys.add(new SortKey(parts[0].trim(), descending));
    }
    return keys;
  }

  /** True for descending. */
  private static boolean direction(String name, String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "asc":
      case "ascending":
        return false;
      case "desc":
      case "descending":
        return true;
      default:
        throw Fields.invalid(
            name
                + " must be one of "
                + DIRECTIONS
                + ", not '"
                + FilterStringParser.printable(text)
                + "'");
    }
  }
}
