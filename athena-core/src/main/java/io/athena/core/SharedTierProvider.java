package io.athena.core;

import io.athena.core.config.AthenaConfig;
import java.util.Optional;

/**
 * Finds the shared tier for the config-driven path ({@code Athena.fromConfig}) when {@code
 * cache.redis.address} is set. Adapters list their provider in {@code
 * META-INF/services/io.athena.core.SharedTierProvider}.
 */
public interface SharedTierProvider {

  /** A short name for logs, such as {@code redis}. */
  String name();

  /** The shared tier {@code config} asks for, or empty when it names none of this kind. */
  Optional<SharedTier> create(AthenaConfig config);
}
