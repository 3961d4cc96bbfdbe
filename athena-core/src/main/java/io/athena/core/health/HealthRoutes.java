package io.athena.core.health;

import io.athena.core.http.HttpResponse;
import io.athena.core.json.Envelope;
import io.athena.core.json.Json;
import io.athena.core.router.Access;
import io.athena.core.router.Route;
import io.athena.core.system.AthenaVersion;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /health/cluster} (public, like {@code /ping}) and {@code GET /admin/pools} (admin
 * key). Both answer from memory: the prober's latest results and the pools' counters. A host that
 * never called {@code Athena.start()} gets its prober started by the first call, which reports its
 * clients {@code unknown} until their first probe finishes.
 */
public final class HealthRoutes {
  private static final String MODULE = "athena-core";

  private final HealthProber prober;

  public HealthRoutes(HealthProber prober) {
    this.prober = Objects.requireNonNull(prober, "prober");
  }

  public List<Route> routes() {
    return List.of(
        new Route(
            "GET",
            "/health/cluster",
            MODULE,
            Access.PUBLIC,
            "Client and mirror health from the background probes",
            ex -> cluster()),
        new Route(
            "GET",
            "/admin/pools",
            MODULE,
            Access.ADMIN,
            "Connection pool counters per client",
            ex -> pools()));
  }

  /** Always 200: the body's {@code status} says ok, degraded or down. */
  private HttpResponse cluster() {
    prober.startIfNew();
    byte[] body = Json.write(HealthJson.cluster(prober.cluster(), AthenaVersion.get()));
    HttpResponse response = HttpResponse.bytes(200, HttpResponse.JSON, body);
    response.headers().set("Cache-Control", "no-store");
    return response;
  }

  private HttpResponse pools() {
    prober.startIfNew();
    var pools = prober.pools();
    return Envelope.success("Pools of " + pools.size() + " clients", HealthJson.pools(pools));
  }
}
