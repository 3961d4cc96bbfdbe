package io.athena.core.config;

import java.time.Duration;
import java.util.List;

/** The keys the configuration file knows, section by section, and their limits. */
final class ConfigKeys {
  static final String SERVER = "server";
  static final String GATEWAY = "gateway";
  static final String POSTGRES_CLIENTS = "postgres_clients";
  static final List<String> ROOT_KEYS = List.of(SERVER, GATEWAY, POSTGRES_CLIENTS);

  static final String HOST = "host";
  static final String PORT = "port";
  static final String MAX_BODY_BYTES = "max_body_bytes";
  static final List<String> SERVER_KEYS = List.of(HOST, PORT, MAX_BODY_BYTES);

  static final String ADMIN_KEY = "admin_key";
  static final String DEFAULT_SCHEMA = "default_schema";
  static final String CATALOG_CACHE_TTL = "catalog_cache_ttl";
  static final List<String> GATEWAY_KEYS = List.of(ADMIN_KEY, DEFAULT_SCHEMA, CATALOG_CACHE_TTL);

  static final String URI = "uri";
  static final String MAX_POOL_SIZE = "max_pool_size";
  static final String CONNECTION_TIMEOUT = "connection_timeout";
  static final String STATEMENT_TIMEOUT = "statement_timeout";
  static final List<String> CLIENT_KEYS =
      List.of(URI, MAX_POOL_SIZE, CONNECTION_TIMEOUT, STATEMENT_TIMEOUT);

  /** Durations are capped where PostgreSQL and the JDBC pool take int milliseconds. */
  static final Duration MAX_DURATION = Duration.ofMillis(Integer.MAX_VALUE);

  /** HikariCP silently replaces a connection timeout below 250ms with its default of 30s. */
  static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

  static final int MAX_POOL_SIZE_LIMIT = 10_000;

  private ConfigKeys() {}
}
