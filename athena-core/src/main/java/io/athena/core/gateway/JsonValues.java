package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns request JSON into the plain Java values the SPI records carry: {@code null}, {@link
 * Boolean}, {@link Number} (Integer, Long or BigInteger for whole numbers, BigDecimal otherwise),
 * {@link String}, {@link List} and {@link LinkedHashMap} (key order kept).
 */
final class JsonValues {
  private JsonValues() {}

  static Object toJava(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      return toMap(node);
    }
    if (node.isArray()) {
      return toList(node);
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToInt()
          ? (Object) node.intValue()
          : node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return node.asText();
  }

  /** An object node as a column → value map, in the caller's key order. */
  static Map<String, Object> toMap(JsonNode node) {
    Map<String, Object> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
    return map;
  }

  static List<Object> toList(JsonNode node) {
    List<Object> list = new ArrayList<>(node.size());
    node.forEach(element -> list.add(toJava(element)));
    return list;
  }
}
