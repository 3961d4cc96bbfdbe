package io.athena.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.limits.LimitsUnavailableException;
import io.athena.spi.limits.SharedLimits;
import io.athena.testkit.limits.SharedLimitsContract;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis limits pass the contract and fail fast when Redis is down. */
class RedisSharedLimitsIT extends SharedLimitsContract {
  private static EmbeddedRedis redis;

  @BeforeAll
  static void startRedis() {
    redis = new EmbeddedRedis();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  protected SharedLimits newStore() {
    return RedisSharedLimits.create(redis.address(), Duration.ofSeconds(2), null, "athena:");
  }

  @Test
  void anUnreachableRedisFailsFastWithLimitsUnavailable() {
    try (SharedLimits dead =
        RedisSharedLimits.create("redis://127.0.0.1:1", Duration.ofMillis(100), null, "a:")) {
      assertThatThrownBy(() -> dead.takeToken("b", 1, 1, Instant.now()))
          .isInstanceOf(LimitsUnavailableException.class);
      assertThatThrownBy(
              () ->
                  dead.takeSlots("s", Map.of("p", 1), Instant.now(), Instant.now().plusSeconds(1)))
          .isInstanceOf(LimitsUnavailableException.class);
    }
  }
}
