package io.athena.postgres.controlplane;

import io.athena.core.ControlPlaneProvider;
import io.athena.core.config.AthenaConfig;
import io.athena.core.controlplane.ControlPlane;
import io.athena.postgres.PostgresBackend;
import java.util.Optional;

/**
 * Lets {@code Athena.fromConfig} build the control plane in the database of {@code
 * gateway.logging_client}; listed in {@code META-INF/services/io.athena.core.ControlPlaneProvider}.
 */
public final class PostgresControlPlaneProvider implements ControlPlaneProvider {

  /** Instantiated by {@link java.util.ServiceLoader}. */
  public PostgresControlPlaneProvider() {}

  @Override
  public String name() {
    return PostgresBackend.KIND;
  }

  /** The control plane when the logging client is one of the config's PostgreSQL clients. */
  @Override
  public Optional<ControlPlane> create(AthenaConfig config) {
    Optional<String> client = config.observability().controlPlane().loggingClient();
    if (client.isEmpty() || !config.postgresClients().containsKey(client.get())) {
      return Optional.empty();
    }
    return Optional.of(PostgresControlPlane.from(config));
  }
}
