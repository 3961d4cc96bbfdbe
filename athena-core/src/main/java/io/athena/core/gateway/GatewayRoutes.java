package io.athena.core.gateway;

import io.athena.core.clients.ClientRegistry;
import io.athena.core.config.GatewayConfig;
import io.athena.core.router.Route;
import java.util.List;

/** The {@code /gateway/*} routes. */
public final class GatewayRoutes {
  private final ClientRegistry clients;
  private final GatewayConfig config;

  public GatewayRoutes(ClientRegistry clients, GatewayConfig config) {
    this.clients = clients;
    this.config = config;
  }

  public List<Route> routes() {
    return List.of();
  }
}
