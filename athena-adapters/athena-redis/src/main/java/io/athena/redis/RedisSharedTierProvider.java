package io.athena.redis;

import io.athena.core.SharedTier;
import io.athena.core.SharedTierProvider;
import io.athena.core.config.AthenaConfig;
import java.util.Optional;

/**
 * Lets {@code Athena.fromConfig} find the Redis tier through {@link java.util.ServiceLoader} when
 * {@code cache.redis.address} is set; listed in {@code
 * META-INF/services/io.athena.core.SharedTierProvider}.
 */
public final class RedisSharedTierProvider implements SharedTierProvider {

  /** Instantiated by {@link java.util.ServiceLoader}. */
  public RedisSharedTierProvider() {}

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public Optional<SharedTier> create(AthenaConfig config) {
    if (!config.cache().redis().configured()) {
      return Optional.empty();
    }
    return Optional.of(RedisSharedTier.from(config));
  }
}
