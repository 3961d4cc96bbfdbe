package io.athena.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.CacheConfig;
import io.athena.core.config.RedisConfig;
import io.athena.core.config.SecurityConfig;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code Athena.fromConfig} finds the Redis tier through its provider when an address is set. */
class RedisSharedTierProviderIT {
  private static EmbeddedRedis redis;

  @BeforeAll
  static void startRedis() {
    redis = new EmbeddedRedis();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  private static int status(Athena athena, String client) {
    Headers headers = new Headers().set("X-Athena-Client", client);
    byte[] body = "{\"table_name\":\"t\"}".getBytes(UTF_8);
    return athena.router().handle(HttpRequest.of("POST", "/gateway/fetch", headers, body)).status();
  }

  @Test
  void twoNodesBuiltFromConfigShareTheirRateLimitThroughRedis() {
    AthenaConfig config =
        AthenaConfig.defaults()
            .withCache(
                CacheConfig.defaults()
                    .withRedis(RedisConfig.at(redis.address()).withKeyPrefix("provider-it:")))
            .withSecurity(SecurityConfig.defaults().withRateLimit(1, 1).withRateLimitShared(true));
    try (Athena a = Athena.fromConfig(config);
        Athena b = Athena.fromConfig(config)) {
      // connect both first (a bucket per client name), so the two calls below come close enough
      // together for the bucket (1 token, 1 per second, on the system clock) not to refill
      status(a, "warm-a");
      status(b, "warm-b");
      // the rate limit is checked before the client is looked up: 404 means it passed
      assertThat(status(a, "nobody")).isEqualTo(404);
      assertThat(status(b, "nobody"))
          .as("the one token was spent on the other node")
          .isEqualTo(429);
    }
  }
}
