package io.athena.core.system;

import io.athena.core.http.HttpResponse;
import io.athena.core.json.Json;
import io.athena.core.router.Access;
import io.athena.core.router.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/** {@code GET /} (liveness plus the route listing) and {@code GET /ping}. */
public final class SystemRoutes {
  private static final String MODULE = "athena-core";

  private final Supplier<List<Route>> mounted;

  /**
   * @param mounted every mounted route, read on each request so the listing is always live
   */
  public SystemRoutes(Supplier<List<Route>> mounted) {
    this.mounted = mounted;
  }

  public List<Route> routes() {
    return List.of(
        new Route("GET", "/", MODULE, Access.PUBLIC, "Liveness and route listing", ex -> root()),
        new Route(
            "GET",
            "/ping",
            MODULE,
            Access.PUBLIC,
            "Liveness probe",
            ex -> HttpResponse.text(200, "pong")));
  }

  private HttpResponse root() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "athena is online");
    body.put("version", AthenaVersion.get());
    body.put("routes", listing(mounted.get()));
    return HttpResponse.bytes(200, HttpResponse.JSON, Json.write(body));
  }

  /** One entry per path, with all its methods: the shape the Rust server answers with. */
  static List<Map<String, Object>> listing(List<Route> routes) {
    Map<String, TreeSet<String>> methods = new LinkedHashMap<>();
    Map<String, String> summaries = new LinkedHashMap<>();
    for (Route route : routes) {
      methods.computeIfAbsent(route.path(), p -> new TreeSet<>()).add(route.method());
      summaries.putIfAbsent(route.path(), route.summary());
    }
    List<Map<String, Object>> listing = new ArrayList<>();
    methods.forEach(
        (path, verbs) -> {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("path", path);
          entry.put("methods", new ArrayList<>(verbs));
          entry.put("summary", summaries.get(path));
          listing.add(entry);
        });
    return listing;
  }
}
