package io.athena.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.auth.ApiKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes the JSON of the key admin routes. Bodies are strict: unknown fields, wrong types
 * and invalid rights are 400s, so a typo never silently creates a more powerful key.
 */
final class KeyRequests {
  static final Set<String> FIELDS =
      Set.of("name", "rights", "client_name", "expires_at", "is_active");
  private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9_-]{1,63}");
  private static final int MAX_NAME = 200;

  private KeyRequests() {}

  /** A new key's metadata from a {@code POST /admin/api-keys} body. */
  static ApiKey create(JsonNode body, String id, Instant now) {
    checkFields(body);
    if (!body.has("name")) {
      throw invalid("name is required");
    }
    return new ApiKey(
        id,
        name(body.get("name")),
        rights(body.get("rights")),
        client(body.get("client_name")),
        expiry(body.get("expires_at")),
        !body.has("is_active") || bool(body.get("is_active"), "is_active"),
        now,
        null);
  }

  /**
   * {@code key} with the fields a {@code PATCH} body sends; {@code null} clears client and expiry.
   */
  static ApiKey patch(ApiKey key, JsonNode body) {
    checkFields(body);
    return new ApiKey(
        key.id(),
        body.has("name") ? name(body.get("name")) : key.name(),
        body.has("rights") ? rights(body.get("rights")) : key.rights(),
        body.has("client_name") ? client(body.get("client_name")) : key.client(),
        body.has("expires_at") ? expiry(body.get("expires_at")) : key.expiresAt(),
        body.has("is_active") ? bool(body.get("is_active"), "is_active") : key.active(),
        key.createdAt(),
        key.lastUsedAt());
  }

  /** A key as admins see it: never a secret, salt or hash. */
  static Map<String, Object> json(ApiKey key) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", key.id());
    out.put("name", key.name());
    out.put("rights", key.rights());
    out.put("client_name", key.client());
    out.put("expires_at", text(key.expiresAt()));
    out.put("is_active", key.active());
    out.put("created_at", text(key.createdAt()));
    out.put("last_used_at", text(key.lastUsedAt()));
    return out;
  }

  static void checkFields(JsonNode body) {
    if (!body.isObject()) {
      throw invalid("the body must be a JSON object");
    }
    for (var names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        throw invalid(
            "unknown field; known fields: " + String.join(", ", FIELDS.stream().sorted().toList()));
      }
    }
  }

  private static String name(JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw invalid("name must be a non-blank string");
    }
    if (node.asText().length() > MAX_NAME || node.asText().indexOf('\0') >= 0) {
      throw invalid("name must be at most " + MAX_NAME + " characters, without NUL");
    }
    return node.asText();
  }

  private static List<String> rights(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray() || node.size() > Rights.MAX_RIGHTS) {
      throw invalid("rights must be an array of at most " + Rights.MAX_RIGHTS + " strings");
    }
    Set<String> rights = new LinkedHashSet<>();
    for (JsonNode right : node) {
      if (!right.isTextual()) {
        throw invalid("rights must be strings such as \"users.read\"");
      }
      Rights.problem(right.asText())
          .ifPresent(
              p -> {
                throw invalid("right '" + shown(right.asText()) + "' " + p);
              });
      rights.add(right.asText());
    }
    return new ArrayList<>(rights);
  }

  private static String client(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || !CLIENT.matcher(node.asText()).matches()) {
      throw invalid("client_name must be a client name matching " + CLIENT.pattern());
    }
    return node.asText();
  }

  private static Instant expiry(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      if (node.isTextual()) {
        return Instant.parse(node.asText());
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw invalid("expires_at must be an ISO-8601 instant such as 2030-01-31T00:00:00Z, or null");
  }

  static boolean bool(JsonNode node, String field) {
    if (node == null || !node.isBoolean()) {
      throw invalid(field + " must be true or false");
    }
    return node.asBoolean();
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** Echoes a caller's value only in a short, printable form. */
  private static String shown(String value) {
    String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
  }

  static GatewayException invalid(String message) {
    return new GatewayException(ErrorCode.INVALID_REQUEST, message);
  }
}
