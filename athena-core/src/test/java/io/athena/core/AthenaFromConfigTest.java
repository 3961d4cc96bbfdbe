package io.athena.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.core.config.AthenaConfig;
import io.athena.core.config.CacheConfig;
import io.athena.core.config.RedisConfig;
import io.athena.spi.AthenaException;
import org.junit.jupiter.api.Test;

/** The config-driven path without adapters on the classpath (core's own tests have none). */
class AthenaFromConfigTest {

  @Test
  void withoutRedisConfiguredNoSharedTierIsNeeded() {
    try (Athena athena = Athena.fromConfig(AthenaConfig.defaults())) {
      assertThat(athena.cache().config().redis().configured()).isFalse();
    }
  }

  @Test
  void aConfiguredRedisWithoutTheAdapterFailsClearly() {
    AthenaConfig config =
        AthenaConfig.defaults()
            .withCache(CacheConfig.enabledDefaults().withRedis(RedisConfig.at("redis://r:6379")));
    assertThatThrownBy(() -> Athena.fromConfig(config))
        .isInstanceOf(AthenaException.class)
        .hasMessage(
            "cache.redis.address is set but no shared tier provider is on the classpath; add"
                + " io.athena:athena-redis");
  }
}
