package io.athena.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.athena.core.config.PostgresClientConfig;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the HikariCP pool of a configured client. The pool starts without touching the database
 * ({@code initializationFailTimeout = -1}), so a database that is down at start costs its client
 * 503 answers, not the whole process. The statement timeout is set server-side for every session
 * through the {@code options} startup parameter, so it also bounds statements the driver does not
 * know about.
 */
public final class PoolFactory {
  private static final Logger LOG = LoggerFactory.getLogger(PoolFactory.class);

  /** HikariCP's floor; it silently replaces anything lower with 30 s. */
  static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

  private PoolFactory() {}

  /** The pool name of a client, as it appears in HikariCP's logs and metrics. */
  static String poolName(String client) {
    return "athena-" + client;
  }

  /**
   * Checks a client URI without connecting.
   *
   * @throws IllegalArgumentException naming the problem, never the URI
   */
  public static void validate(String uri) {
    ConnectionUri.parse(uri);
  }

  public static HikariDataSource create(PostgresClientConfig client) {
    ConnectionUri uri = ConnectionUri.parse(client.uri().reveal());
    HikariConfig config = hikariConfig(client, uri);
    LOG.info(
        "postgres client '{}': pool {} -> {}, max {} connections, connection timeout {} ms,"
            + " statement timeout {} ms",
        client.name(),
        config.getPoolName(),
        uri,
        config.getMaximumPoolSize(),
        config.getConnectionTimeout(),
        client.statementTimeout().toMillis());
    return new HikariDataSource(config);
  }

  static HikariConfig hikariConfig(PostgresClientConfig client, ConnectionUri uri) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName(client.name()));
    config.setJdbcUrl(uri.jdbcUrl());
    if (uri.user() != null) {
      config.setUsername(uri.user());
    }
    if (uri.password() != null) {
      config.setPassword(uri.password().reveal());
    }
    config.setMaximumPoolSize(client.maxPoolSize());
    long timeout =
        Math.max(client.connectionTimeout().toMillis(), MIN_CONNECTION_TIMEOUT.toMillis());
    config.setConnectionTimeout(timeout);
    config.setValidationTimeout(Math.min(timeout, config.getValidationTimeout()));
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("ApplicationName", "athena");
    uri.properties().forEach(config::addDataSourceProperty);
    // keep Detail (which can quote row data) out of exception messages and so out of logs
    config.addDataSourceProperty("logServerErrorDetail", "false");
    String options = startupOptions(uri.properties().get("options"), client.statementTimeout());
    if (options != null) {
      config.addDataSourceProperty("options", options);
    }
    return config;
  }

  static String startupOptions(String given, Duration statementTimeout) {
    if (statementTimeout == null || statementTimeout.isZero() || statementTimeout.isNegative()) {
      return given;
    }
    String timeout = "-c statement_timeout=" + statementTimeout.toMillis();
    return given == null || given.isBlank() ? timeout : given + " " + timeout;
  }
}
