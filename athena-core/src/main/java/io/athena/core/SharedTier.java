package io.athena.core;

import io.athena.spi.cache.CacheStore;
import io.athena.spi.limits.SharedLimits;

/**
 * What several nodes share over one connection: the read cache's shared tier and the shared limits
 * counters (for Redis: {@code io.athena.redis.RedisSharedTier}). Give it to {@link
 * Athena.Builder#sharedTier}; {@link Athena#close()} closes it.
 */
public interface SharedTier extends AutoCloseable {
  /** A short name for logs, such as {@code redis}. */
  String name();

  /** The read cache's shared tier. */
  CacheStore cache();

  /** The counters of shared rate and admission limits. */
  SharedLimits limits();

  /** Closes the connection both use. */
  @Override
  void close();
}
