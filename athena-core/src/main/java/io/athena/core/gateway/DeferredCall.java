package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athena.core.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * A deferred gateway request as its job payload holds it: enough to run the same code path later.
 * The caller is kept as the key's public id only, never its secret, so the job store holds nothing
 * a reader could call with; the rights are checked again when it runs.
 *
 * @param path the route, such as {@code /gateway/fetch}
 * @param keyId the public id of the caller's key, or null for an anonymous caller
 * @param requestId the original request's id, to correlate logs
 * @param body the request body, as JSON
 */
record DeferredCall(
    String path,
    String operation,
    String client,
    String keyId,
    String requestId,
    boolean stripNulls,
    JsonNode body) {

  String toJson() {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("path", path);
    node.put("operation", operation);
    node.put("client", client);
    node.put("key_id", keyId);
    node.put("request_id", requestId);
    node.put("strip_nulls", stripNulls);
    node.set("body", body);
    return new String(Json.write(node), StandardCharsets.UTF_8);
  }

  static DeferredCall fromJson(String payload) {
    JsonNode node = Json.parse(payload.getBytes(StandardCharsets.UTF_8));
    return new DeferredCall(
        node.path("path").asText(),
        node.path("operation").asText(),
        node.path("client").asText(),
        node.hasNonNull("key_id") ? node.get("key_id").asText() : null,
        node.path("request_id").asText(),
        node.path("strip_nulls").asBoolean(false),
        node.path("body"));
  }
}
