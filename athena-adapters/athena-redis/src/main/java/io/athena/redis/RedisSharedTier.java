package io.athena.redis;

import io.athena.core.SharedTier;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.RedisConfig;
import io.athena.core.config.Secret;
import io.athena.spi.cache.CacheStore;
import io.athena.spi.limits.SharedLimits;
import org.redisson.api.RedissonClient;

/**
 * The read cache's shared tier and the shared limits over one Redisson client.
 *
 * <pre>{@code
 * Athena.builder().sharedTier(RedisSharedTier.builder().address("redis://redis:6379").build())
 * }</pre>
 */
public final class RedisSharedTier implements SharedTier {
  private final RedissonClient client;
  private final RedisCacheStore cache;
  private final RedisSharedLimits limits;

  private RedisSharedTier(RedissonClient client, String keyPrefix) {
    this.client = client;
    this.cache = RedisCacheStore.of(client, keyPrefix);
    this.limits = RedisSharedLimits.of(client, keyPrefix);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The tier of {@code cache.redis} in {@code config}.
   *
   * @throws IllegalArgumentException when {@code cache.redis.address} is not set
   */
  public static RedisSharedTier from(AthenaConfig config) {
    RedisConfig redis = config.cache().redis();
    return builder()
        .address(
            redis
                .address()
                .orElseThrow(() -> new IllegalArgumentException("cache.redis.address is not set")))
        .timeout(redis.timeout())
        .password(redis.password().map(Secret::reveal).orElse(null))
        .keyPrefix(redis.keyPrefix())
        .build();
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public CacheStore cache() {
    return cache;
  }

  @Override
  public SharedLimits limits() {
    return limits;
  }

  /** Shuts the Redisson client down. */
  @Override
  public void close() {
    client.shutdown();
  }

  /** Configures the Redisson client both share. */
  public static final class Builder extends RedisClientBuilder<Builder, RedisSharedTier> {
    private Builder() {}

    @Override
    RedisSharedTier build(RedissonClient client, String keyPrefix) {
      return new RedisSharedTier(client, keyPrefix);
    }
  }
}
