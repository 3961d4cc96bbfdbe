package io.athena.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads {@code PUT /admin/api-key-config}: {@code {enforce_api_keys, clients?: {name: bool}}}. */
final class EnforcementJson {
  private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9_-]{1,63}");
  private static final int MAX_CLIENTS = 10_000;

  private EnforcementJson() {}

  /**
   * The enforcement the body asks for. A missing {@code enforce_api_keys} keeps the global setting;
   * {@code clients}, when sent, replaces every per-client setting ({@code null} per client removes
   * it).
   */
  static Enforcement read(JsonNode body, Enforcement current) {
    if (!body.isObject()) {
      throw KeyRequests.invalid("the body must be a JSON object");
    }
    for (var names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!field.equals("enforce_api_keys") && !field.equals("clients")) {
        throw KeyRequests.invalid("unknown field; known fields: clients, enforce_api_keys");
      }
    }
    boolean global =
        body.has("enforce_api_keys")
            ? KeyRequests.bool(body.get("enforce_api_keys"), "enforce_api_keys")
            : current.global();
    Map<String, Boolean> clients =
        body.has("clients") ? clients(body.get("clients")) : current.clients();
    return new Enforcement(global, clients);
  }

  private static Map<String, Boolean> clients(JsonNode node) {
    if (node.isNull()) {
      return Map.of();
    }
    if (!node.isObject() || node.size() > MAX_CLIENTS) {
      throw KeyRequests.invalid("clients must be an object of client name → true or false");
    }
    Map<String, Boolean> clients = new LinkedHashMap<>();
    for (var entry : node.properties()) {
      if (!CLIENT.matcher(entry.getKey()).matches()) {
        throw KeyRequests.invalid(
            "clients holds a name that is not a client name " + CLIENT.pattern());
      }
      if (!entry.getValue().isNull()) {
        clients.put(
            entry.getKey(), KeyRequests.bool(entry.getValue(), "clients." + entry.getKey()));
      }
    }
    return clients;
  }
}
