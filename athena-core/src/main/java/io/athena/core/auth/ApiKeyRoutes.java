package io.athena.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Envelope;
import io.athena.core.router.Access;
import io.athena.core.router.Exchange;
import io.athena.core.router.Handler;
import io.athena.core.router.Route;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.auth.ApiKey;
import io.athena.spi.auth.KeyStoreUnavailableException;
import io.athena.spi.auth.StoredKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin routes of API keys: list, create (the only answer that ever holds a key's secret),
 * change, delete, the catalogue of rights, and the enforcement switch. All need the admin key.
 */
public final class ApiKeyRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyRoutes.class);
  private static final String MODULE = "athena-core";

  private final GatewaySecurity security;

  public ApiKeyRoutes(GatewaySecurity security) {
    this.security = security;
  }

  public List<Route> routes() {
    return List.of(
        route("GET", "/admin/api-keys", "List API keys (never their secrets)", this::list),
        route(
            "POST", "/admin/api-keys", "Create an API key; the answer shows it once", this::create),
        route("PATCH", "/admin/api-keys/{id}", "Change an API key", this::patch),
        route("DELETE", "/admin/api-keys/{id}", "Delete an API key", this::delete),
        route("GET", "/admin/api-key-rights", "The rights a key may hold", this::rights),
        route("GET", "/admin/api-key-config", "Whether API keys are enforced", this::config),
        route("PUT", "/admin/api-key-config", "Switch API key enforcement", this::putConfig));
  }

  private static Route route(String method, String path, String summary, Handler handler) {
    return new Route(method, path, MODULE, Access.ADMIN, summary, storeGuarded(handler));
  }

  /** An admin call while the key store is down answers 503, like a gateway call would. */
  private static Handler storeGuarded(Handler handler) {
    return exchange -> {
      try {
        return handler.handle(exchange);
      } catch (KeyStoreUnavailableException e) {
        LOG.warn(
            "API key admin request {} failed: the key store is unavailable",
            exchange.requestId(),
            e);
        throw new GatewayException(
            ErrorCode.KEY_STORE_UNAVAILABLE,
            "The API key store is unavailable; retry shortly",
            null,
            GatewaySecurity.KEY_STORE_RETRY_AFTER_SECONDS,
            Map.of());
      }
    };
  }

  private HttpResponse list(Exchange exchange) {
    List<Map<String, Object>> keys =
        security.keyStore().list().stream().map(KeyRequests::json).toList();
    return Envelope.success("Listed " + keys.size() + " API keys", Map.of("api_keys", keys));
  }

  private HttpResponse create(Exchange exchange) {
    ApiKey key =
        KeyRequests.create(exchange.json(), KeyMaterial.newId(), security.clock().instant());
    String secret = KeyMaterial.newSecret();
    byte[] salt = KeyMaterial.newSalt();
    security.keyStore().create(new StoredKey(key, salt, KeyMaterial.hash(salt, secret)));
    LOG.info("API key {} ('{}') created with rights {}", key.id(), key.name(), key.rights());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("api_key", KeyRequests.json(key));
    data.put("key", KeyMaterial.format(key.id(), secret));
    return Envelope.success(
        201, "API key created; store the key now, it is not shown again", data, Map.of());
  }

  private HttpResponse patch(Exchange exchange) {
    String id = id(exchange);
    JsonNode body = exchange.json();
    ApiKey current =
        security.keyStore().find(id).map(StoredKey::key).orElseThrow(() -> notFound(id));
    ApiKey changed = KeyRequests.patch(current, body);
    if (!security.keyStore().update(changed)) {
      throw notFound(id);
    }
    security.invalidate(id);
    LOG.info("API key {} changed", id);
    return Envelope.success("API key updated", Map.of("api_key", KeyRequests.json(changed)));
  }

  private HttpResponse delete(Exchange exchange) {
    String id = id(exchange);
    if (!security.keyStore().delete(id)) {
      throw notFound(id);
    }
    security.invalidate(id);
    LOG.info("API key {} deleted", id);
    return Envelope.success("API key deleted", Map.of("id", id, "deleted", true));
  }

  private HttpResponse rights(Exchange exchange) {
    List<Map<String, String>> rights =
        Rights.catalog().entrySet().stream()
            .map(e -> Map.of("right", e.getKey(), "grants", e.getValue()))
            .toList();
    return Envelope.success("API key rights", Map.of("rights", rights));
  }

  private HttpResponse config(Exchange exchange) {
    return Envelope.success("API key configuration", configJson());
  }

  private HttpResponse putConfig(Exchange exchange) {
    security.enforcement(EnforcementJson.read(exchange.json(), security.enforcement()));
    Enforcement now = security.enforcement();
    LOG.info("API key enforcement set: global={}, clients={}", now.global(), now.clients());
    return Envelope.success("API key configuration updated", configJson());
  }

  private Map<String, Object> configJson() {
    Enforcement enforcement = security.enforcement();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("enforce_api_keys", enforcement.global());
    data.put("clients", enforcement.clients());
    data.put(
        "key_store_failure",
        security.config().keyStoreFailure().name().toLowerCase(java.util.Locale.ROOT));
    return data;
  }

  /** A path id that could not be a key is simply not found: it never reaches the store. */
  private static String id(Exchange exchange) {
    String id = exchange.pathParam("id").orElse("");
    if (!KeyMaterial.ID.matcher(id).matches()) {
      throw notFound(id);
    }
    return id;
  }

  private static GatewayException notFound(String id) {
    String shown = KeyMaterial.ID.matcher(id).matches() ? id : "(invalid id)";
    return new GatewayException(ErrorCode.KEY_NOT_FOUND, "No API key with id " + shown);
  }
}
