package io.athena.postgres.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the JSON values of a request (null, Boolean, Number, String, List, Map) into the text that
 * PostgreSQL's input functions parse once the SQL casts it.
 */
final class JsonValues {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonValues() {}

  /**
   * The value as scalar text: strings as they are, numbers in plain notation, booleans as {@code
   * true}/{@code false}, objects and arrays as JSON text.
   */
  static String toText(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return toJson(value);
    }
    throw new GatewayException(
        ErrorCode.INVALID_VALUE, "Unsupported value type " + value.getClass().getSimpleName());
  }

  /**
   * The value as JSON text: strings become JSON strings, so {@code "a"} is stored as {@code "a"}.
   */
  static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new GatewayException(ErrorCode.INVALID_VALUE, "Value is not valid JSON", e);
    }
  }

  /**
   * The elements of an array value: JSON arrays element by element (nested arrays stay nested for
   * multi-dimensional targets), everything else as one element per comma-separated item (see {@link
   * ListLiteral}).
   */
  static List<Object> toTextElements(Object value) {
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object element : list) {
        out.add(element instanceof List<?> ? toTextElements(element) : toText(element));
      }
      return out;
    }
    if (value instanceof String s) {
      return new ArrayList<>(ListLiteral.parse(s));
    }
    List<Object> single = new ArrayList<>(1);
    single.add(toText(value));
    return single;
  }
}
