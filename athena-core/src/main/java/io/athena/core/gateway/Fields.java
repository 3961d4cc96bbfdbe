package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * The fields of one JSON object of a request body, looked up by their snake_case name or its
 * camelCase twin ({@code table_name} or {@code tableName}). Messages name the field by its
 * snake_case path ({@code conditions[2].column}), so every error points at what to fix.
 */
final class Fields {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final JsonNode node;
  private final String path;

  private Fields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /**
   * The top-level body.
   *
   * @throws GatewayException {@code invalid_request} when the body is not a JSON object
   */
  static Fields body(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw invalid("Request body must be a JSON object");
    }
    return new Fields(node, "");
  }

  /** A nested object, named {@code path} in messages; the caller checked it is an object. */
  static Fields nested(JsonNode node, String path) {
    return new Fields(node, path + ".");
  }

  /** The field's path for messages, such as {@code conditions[0].value}. */
  String name(String field) {
    return path + field;
  }

  /** The node of a field, or {@code null} when it is absent or JSON null. */
  JsonNode get(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      String camel = camel(field);
      value = camel.equals(field) ? null : node.get(camel);
    }
    return value == null || value.isNull() ? null : value;
  }

  /** Whether the field is present with a non-null value under either spelling. */
  boolean has(String field) {
    return get(field) != null;
  }

  /** Whether the field is sent at all, even as JSON null, under either spelling. */
  boolean present(String field) {
    return node.has(field) || node.has(camel(field));
  }

  /** A string field, trimmed; empty when absent or blank. */
  Optional<String> string(String field) {
    JsonNode value = get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw invalid(name(field) + " must be a string");
    }
    String text = value.asText().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** A string field that must be present and not blank. */
  String requiredString(String field) {
    return string(field).orElseThrow(() -> invalid(name(field) + " is required"));
  }

  /** A boolean field; {@code "true"} and {@code "false"} strings are accepted too. */
  Optional<Boolean> bool(String field) {
    JsonNode value = get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBoolean()) {
      return Optional.of(value.booleanValue());
    }
    if (value.isTextual()) {
      String text = value.asText().trim().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Optional.of(Boolean.valueOf(text));
      }
    }
    throw invalid(name(field) + " must be true or false");
  }

  /**
   * A whole number of at least {@code min}; integral JSON numbers and digit strings are accepted.
   */
  Optional<Long> integer(String field, long min) {
    JsonNode value = get(field);
    if (value == null) {
      return Optional.empty();
    }
    String problem =
        min == 0 ? " must be a non-negative integer" : " must be an integer of at least " + min;
    BigInteger number = integral(value).orElseThrow(() -> invalid(name(field) + problem));
    if (number.compareTo(LONG_MAX) > 0) {
      throw invalid(name(field) + " is too large (at most " + Long.MAX_VALUE + ")");
    }
    if (number.compareTo(BigInteger.valueOf(min)) < 0) {
      throw invalid(name(field) + problem);
    }
    return Optional.of(number.longValueExact());
  }

  private static Optional<BigInteger> integral(JsonNode value) {
    if (value.isIntegralNumber()) {
      return Optional.of(value.bigIntegerValue());
    }
    try {
      BigDecimal decimal =
          value.isNumber()
              ? value.decimalValue()
              : value.isTextual() ? new BigDecimal(value.asText().trim()) : null;
      // 10.0 is a whole number; 1e400 is refused before toBigIntegerExact can blow up
      if (decimal == null || decimal.precision() - decimal.scale() > 40) {
        return Optional.empty();
      }
      return Optional.of(decimal.toBigIntegerExact());
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code table_name} → {@code tableName}. */
  static String camel(String snake) {
    StringBuilder out = new StringBuilder(snake.length());
    boolean upper = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  static GatewayException invalid(String message) {
    return new GatewayException(ErrorCode.INVALID_REQUEST, message);
  }
}
