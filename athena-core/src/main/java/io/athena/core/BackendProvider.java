package io.athena.core;

import io.athena.core.config.AthenaConfig;
import io.athena.spi.Backend;
import java.util.Optional;

/**
 * Finds a backend for the config-driven path ({@code Athena.fromConfig}). Adapters list their
 * provider in {@code META-INF/services/io.athena.core.BackendProvider}.
 */
public interface BackendProvider {

  /** A short name for logs, such as {@code postgres}. */
  String name();

  /** A backend for the clients of this provider's kind in {@code config}, or empty if none. */
  Optional<Backend> create(AthenaConfig config);
}
