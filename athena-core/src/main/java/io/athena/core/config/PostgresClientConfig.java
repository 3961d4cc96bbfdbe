package io.athena.core.config;

import java.time.Duration;

/**
 * One routable PostgreSQL client: the target of {@code X-Athena-Client: <name>}.
 *
 * @param name the client name
 * @param uri a {@code postgres://} or {@code jdbc:postgresql://} URI, credentials included
 * @param maxPoolSize the most connections the client's pool opens
 * @param connectionTimeout how long a request waits for a pooled connection before 503
 * @param statementTimeout how long one statement may run before it is cancelled (503)
 */
public record PostgresClientConfig(
    String name,
    Secret uri,
    int maxPoolSize,
    Duration connectionTimeout,
    Duration statementTimeout) {
  public static final int DEFAULT_MAX_POOL_SIZE = 10;
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

  /** A client with the default pool settings. */
  public static PostgresClientConfig of(String name, String uri) {
    return new PostgresClientConfig(
        name,
        Secret.of(uri),
        DEFAULT_MAX_POOL_SIZE,
        DEFAULT_CONNECTION_TIMEOUT,
        DEFAULT_STATEMENT_TIMEOUT);
  }
}
