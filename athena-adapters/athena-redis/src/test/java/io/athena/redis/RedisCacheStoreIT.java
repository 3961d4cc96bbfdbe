package io.athena.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.athena.spi.cache.CacheStore;
import io.athena.spi.cache.CacheUnavailableException;
import io.athena.testkit.cache.CacheStoreContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis tier passes the contract, tells other nodes of advances, and fails fast when down. */
class RedisCacheStoreIT extends CacheStoreContract {
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
  protected CacheStore newStore() {
    return RedisCacheStore.builder().address(redis.address()).build();
  }

  @Override
  protected boolean evictsByScope() {
    return false;
  }

  @Test
  void anotherNodeHearsOfAnAdvance() {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    try (CacheStore other = newStore()) {
      other.onRemoteAdvance(heard::add);
      store.onRemoteAdvance(scope -> heard.add("self:" + scope));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                store.advance("orders-" + heard.size());
                assertThat(heard).anyMatch(s -> s.startsWith("orders-"));
              });
      assertThat(heard).noneMatch(s -> s.startsWith("self:"));
    }
  }

  @Test
  void anUnreachableRedisFailsFastWithCacheUnavailable() {
    try (CacheStore dead =
        RedisCacheStore.builder()
            .address("redis://127.0.0.1:1")
            .timeout(Duration.ofMillis(100))
            .build()) {
      assertThatThrownBy(() -> dead.generation("app"))
          .isInstanceOf(CacheUnavailableException.class);
    }
  }
}
