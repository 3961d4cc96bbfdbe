package io.athena.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole, validated configuration. Build it with {@link #load()} (YAML + environment) or by hand
 * for tests and embedding.
 *
 * @param postgresClients client name → client, in the order configured
 */
public record AthenaConfig(
    ServerConfig server, GatewayConfig gateway, Map<String, PostgresClientConfig> postgresClients) {
  public AthenaConfig {
    postgresClients = Collections.unmodifiableMap(new LinkedHashMap<>(postgresClients));
  }

  /** The built-in defaults: no clients, no admin key. */
  public static AthenaConfig defaults() {
    return new AthenaConfig(ServerConfig.defaults(), GatewayConfig.defaults(), Map.of());
  }
}
