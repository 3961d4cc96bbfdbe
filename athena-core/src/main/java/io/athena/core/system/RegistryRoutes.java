package io.athena.core.system;

import io.athena.core.http.HttpResponse;
import io.athena.core.json.Json;
import io.athena.core.router.Access;
import io.athena.core.router.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /router/registry}: the live route table (method, path, owning module, the credential
 * it asks for) and every routable client. Admin only: unlike {@code GET /}, it names the clients,
 * which the gateway never tells a caller without a key.
 */
public final class RegistryRoutes {
  private static final String MODULE = "athena-core";

  /**
   * One routable client as the registry shows it.
   *
   * @param source {@code config} or {@code catalog}
   */
  public record ClientEntry(
      String clientName, String backend, String source, boolean active, boolean frozen) {}

  private final Supplier<List<Route>> mounted;
  private final Supplier<List<ClientEntry>> clients;

  public RegistryRoutes(Supplier<List<Route>> mounted, Supplier<List<ClientEntry>> clients) {
    this.mounted = mounted;
    this.clients = clients;
  }

  public List<Route> routes() {
    return List.of(
        new Route(
            "GET",
            "/router/registry",
            MODULE,
            Access.ADMIN,
            "The live route registry and every routable client",
            ex -> registry()));
  }

  private HttpResponse registry() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("routes", routeEntries(mounted.get()));
    List<Map<String, Object>> clientEntries = new ArrayList<>();
    for (ClientEntry client : clients.get()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("client_name", client.clientName());
      entry.put("backend", client.backend());
      entry.put("source", client.source());
      entry.put("active", client.active());
      entry.put("frozen", client.frozen());
      clientEntries.add(entry);
    }
    body.put("clients", clientEntries);
    return HttpResponse.bytes(200, HttpResponse.JSON, Json.write(body));
  }

  static List<Map<String, Object>> routeEntries(List<Route> routes) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Route route : routes) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("method", route.method());
      entry.put("path", route.path());
      entry.put("module", route.module());
      entry.put("auth", auth(route.access()));
      entries.add(entry);
    }
    return entries;
  }

  /** What a caller must present: nothing, an API key (when enforced), or the admin key. */
  static String auth(Access access) {
    return switch (access) {
      case PUBLIC -> "none";
      case GATEWAY -> "api_key";
      case ADMIN -> "admin_key";
    };
  }
}
