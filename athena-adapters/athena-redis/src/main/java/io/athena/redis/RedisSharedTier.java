package io.athena.redis;

import io.athena.core.SharedTier;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.RedisConfig;
import io.athena.core.config.Secret;
import io.athena.spi.cache.CacheStore;
import io.athena.spi.limits.SharedLimits;
import java.time.Duration;
import java.util.Objects;
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
  public static final class Builder {
    private String address = "redis://127.0.0.1:6379";
    private Duration timeout = RedisConnections.DEFAULT_TIMEOUT;
    private String prefix = RedisConnections.DEFAULT_KEY_PREFIX;
    private String password;

    private Builder() {}

    /** {@code redis://host:port} or {@code rediss://host:port}. */
    public Builder address(String address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The longest a call (or a connect) may take; 250ms unless set. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Prefixes every key ({@code athena:} unless set), so several clusters can share a Redis. */
    public Builder keyPrefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public RedisSharedTier build() {
      return new RedisSharedTier(RedisConnections.create(address, timeout, password), prefix);
    }
  }
}
