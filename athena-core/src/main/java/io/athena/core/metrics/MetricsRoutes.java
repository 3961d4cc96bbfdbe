package io.athena.core.metrics;

import io.athena.core.http.HttpResponse;
import io.athena.core.router.Access;
import io.athena.core.router.Route;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /metrics}: the Prometheus text exposition. Public, like {@code /ping}: labels never
 * hold request data (contract §7), only configured client names, operations and outcomes.
 */
public final class MetricsRoutes {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final String MODULE = "athena-core";

  private final AthenaMeters meters;

  public MetricsRoutes(AthenaMeters meters) {
    this.meters = meters;
  }

  public List<Route> routes() {
    return List.of(
        new Route(
            "GET",
            "/metrics",
            MODULE,
            Access.PUBLIC,
            "Prometheus metrics",
            ex ->
                HttpResponse.bytes(
                    200, CONTENT_TYPE, meters.scrape().getBytes(StandardCharsets.UTF_8))));
  }
}
