package io.athena.core.controlplane;

import io.athena.core.ControlPlaneProvider;
import io.athena.core.config.AthenaConfig;
import io.athena.spi.AthenaException;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the control plane that {@code gateway.logging_client} asks for. */
public final class ControlPlanes {
  private static final Logger LOG = LoggerFactory.getLogger(ControlPlanes.class);

  private ControlPlanes() {}

  /**
   * The control plane of {@code config}, from the first {@link ControlPlaneProvider} on the
   * classpath that serves it; empty when no {@code gateway.logging_client} is configured.
   *
   * @throws AthenaException when a logging client is configured but no provider serves it
   */
  public static Optional<ControlPlane> fromConfig(AthenaConfig config) {
    Optional<String> client = config.observability().controlPlane().loggingClient();
    if (client.isEmpty()) {
      return Optional.empty();
    }
    for (ControlPlaneProvider provider : ServiceLoader.load(ControlPlaneProvider.class)) {
      Optional<ControlPlane> controlPlane = provider.create(config);
      if (controlPlane.isPresent()) {
        LOG.info(
            "control plane '{}' in the database of client '{}'", provider.name(), client.get());
        return controlPlane;
      }
    }
    throw new AthenaException(
        "gateway.logging_client names '"
            + client.get()
            + "' but no control-plane provider on the classpath serves it; add"
            + " io.athena:athena-postgres");
  }
}
