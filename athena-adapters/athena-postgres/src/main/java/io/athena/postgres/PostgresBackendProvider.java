package io.athena.postgres;

import io.athena.core.BackendProvider;
import io.athena.core.config.AthenaConfig;
import io.athena.spi.Backend;
import java.util.Optional;

/**
 * Lets {@code Athena.fromConfig} find the PostgreSQL backend through {@link
 * java.util.ServiceLoader}; listed in {@code META-INF/services/io.athena.core.BackendProvider}.
 */
public final class PostgresBackendProvider implements BackendProvider {

  /** Instantiated by {@link java.util.ServiceLoader}. */
  public PostgresBackendProvider() {}

  @Override
  public String name() {
    return PostgresBackend.KIND;
  }

  /** A backend over the config's PostgreSQL clients, or empty when it has none. */
  @Override
  public Optional<Backend> create(AthenaConfig config) {
    if (config.postgresClients().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(PostgresBackend.from(config));
  }
}
