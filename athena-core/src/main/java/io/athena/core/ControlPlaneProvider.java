package io.athena.core;

import io.athena.core.config.AthenaConfig;
import io.athena.core.controlplane.ControlPlane;
import java.util.Optional;

/**
 * Finds a control plane for the config-driven path ({@code Athena.fromConfig}) when {@code
 * gateway.logging_client} is set. Adapters list their provider in {@code
 * META-INF/services/io.athena.core.ControlPlaneProvider}.
 */
public interface ControlPlaneProvider {

  /** A short name for logs, such as {@code postgres}. */
  String name();

  /**
   * A control plane in the database of {@code config}'s logging client, or empty when that client
   * is not of this provider's kind. Must not connect yet: the database may be down at start.
   */
  Optional<ControlPlane> create(AthenaConfig config);
}
