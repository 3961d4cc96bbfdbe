package io.athena.core.config;

import java.util.Map;

/**
 * Writes the effective configuration for people: one {@code path = value} per line, secrets masked.
 */
final class ConfigDescription {
  private final StringBuilder text = new StringBuilder();

  private ConfigDescription() {}

  static String of(AthenaConfig config) {
    ConfigDescription description = new ConfigDescription();
    description.server(config.server());
    description.gateway(config.gateway());
    description.clients(config.postgresClients());
    return description.text.toString().stripTrailing();
  }

  private void server(ServerConfig server) {
    line("server.host", server.host());
    line("server.port", server.port());
    line("server.max_body_bytes", server.maxBodyBytes());
  }

  private void gateway(GatewayConfig gateway) {
    line(
        "gateway.admin_key",
        gateway.adminKey().isPresent() ? Secret.MASK : "(none: admin routes answer 403)");
    line("gateway.default_schema", gateway.defaultSchema());
    line("gateway.catalog_cache_ttl", Durations.format(gateway.catalogCacheTtl()));
  }

  private void clients(Map<String, PostgresClientConfig> clients) {
    if (clients.isEmpty()) {
      line("postgres_clients", "(none)");
    }
    clients.forEach(
        (name, client) -> {
          String path = "postgres_clients." + name + ".";
          line(path + "uri", Uris.maskPassword(client.uri().reveal()));
          line(path + "max_pool_size", client.maxPoolSize());
          line(path + "connection_timeout", Durations.format(client.connectionTimeout()));
          line(path + "statement_timeout", Durations.format(client.statementTimeout()));
        });
  }

  private void line(String path, Object value) {
    text.append(path).append(" = ").append(value).append('\n');
  }
}
