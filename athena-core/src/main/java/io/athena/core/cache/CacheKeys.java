package io.athena.core.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athena.core.auth.Principal;
import io.athena.core.json.Json;
import io.athena.spi.Condition;
import io.athena.spi.FetchRequest;
import io.athena.spi.SortKey;
import io.athena.spi.auth.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * Cache keys of fetches: a SHA-256 over a canonical JSON form of the typed request, so two bodies
 * that parse to the same request (fields in another order, {@code sortBy} for {@code sort_by})
 * share a key. The form is built field by field, never from {@code toString()}, so that no two
 * different requests can print the same; every condition names its kind for the same reason.
 */
public final class CacheKeys {
  /** Bumped whenever the canonical form changes, so old entries are never read by new code. */
  private static final String FORMAT = "athena-fetch-v1";

  /** Sorted map keys: a JSON object value sent in another key order is the same value. */
  private static final ObjectMapper VALUES =
      Json.mapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private CacheKeys() {}

  /**
   * A fresh canonical form for {@code client}: add the request's parts to it, then {@link #hash}.
   */
  public static ObjectNode form(String client, Principal principal, FetchRequest request) {
    ObjectNode form = JsonNodeFactory.instance.objectNode();
    form.put("format", FORMAT);
    form.put("client", client);
    form.set("rights", rightsScope(principal));
    form.put("schema", request.table().schema());
    form.put("table", request.table().name());
    ArrayNode columns = form.putArray("columns");
    request.columns().forEach(columns::add);
    ArrayNode conditions = form.putArray("conditions");
    request.conditions().forEach(c -> conditions.add(condition(c)));
    ArrayNode order = form.putArray("order_by");
    request.orderBy().forEach(k -> order.add(sortKey(k)));
    form.set("limit", VALUES.valueToTree(request.limit()));
    form.set("offset", VALUES.valueToTree(request.offset()));
    form.put("count", request.count() == null ? null : request.count().name());
    return form;
  }

  /**
   * What the caller may see: anonymous callers share one scope; a key's scope is its sorted set of
   * rights (and the one client it is bound to), so keys with the same rights share entries and keys
   * with different rights never do.
   */
  static JsonNode rightsScope(Principal principal) {
    if (principal.key().isEmpty()) {
      return JsonNodeFactory.instance.textNode("anonymous");
    }
    ApiKey key = principal.key().get();
    ObjectNode scope = JsonNodeFactory.instance.objectNode();
    ArrayNode rights = scope.putArray("rights");
    new TreeSet<>(key.rights()).forEach(rights::add);
    scope.put("bound_client", key.client());
    return scope;
  }

  /** The hex SHA-256 of the canonical form: the {@code cache_key}. */
  public static String hash(ObjectNode form) {
    try {
      byte[] canonical = VALUES.writeValueAsString(form).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash a cache key", e);
    }
  }

  private static JsonNode condition(Condition condition) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (condition instanceof Condition.Comparison c) {
      node.put("kind", "comparison");
      node.put("column", c.column());
      node.put("operator", c.operator().name());
      node.set("value", VALUES.valueToTree(c.value()));
      node.put("column_cast", c.columnCast());
      node.put("value_cast", c.valueCast());
    } else if (condition instanceof Condition.AnyOf any) {
      node.put("kind", "any_of");
      ArrayNode of = node.putArray("of");
      any.conditions().forEach(c -> of.add(condition(c)));
    } else if (condition instanceof Condition.AllOf all) {
      node.put("kind", "all_of");
      ArrayNode of = node.putArray("of");
      all.conditions().forEach(c -> of.add(condition(c)));
    } else if (condition instanceof Condition.Not not) {
      node.put("kind", "not");
      node.set("of", condition(not.condition()));
    }
    return node;
  }

  private static JsonNode sortKey(SortKey key) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("column", key.column());
    node.put("descending", key.descending());
    return node;
  }
}
