package io.athena.core.config;

import static io.athena.core.config.InMemoryFiles.loadYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code cache} section with {@code cache.redis}, and the switches that share limits. */
class CacheConfigTest {

  @Test
  void withoutTheSectionTheCacheIsOffAndThereIsNoRedis() {
    AthenaConfig config = loadYaml("", Map.of());
    assertThat(config.cache()).isEqualTo(CacheConfig.defaults());
    assertThat(config.cache().redis().configured()).isFalse();
    assertThat(config.cache().effectiveLapseGrace()).isEqualTo(CacheConfig.DEFAULT_TTL);
    assertThat(config.security().rateLimitShared()).isFalse();
    assertThat(config.admission().shared()).isFalse();
  }

  @Test
  void everyKeyBinds() {
    String yaml =
        """
        cache:
          enabled: true
          ttl: 30s
          max_entries: 500
          max_entry_bytes: 4096
          shared_failure_threshold: 5
          shared_retry_after: 2s
          shared_lease: 3s
          shared_lapse_grace: 1m
          redis:
            address: rediss://redis.internal:6380
            timeout: 100ms
            password: s3cret
            key_prefix: "shop:"
        security:
          rate_limit_per_second: 10
          rate_limit_shared: true
        admission:
          max_concurrent: 8
          shared: true
          shared_slot_lease: 30s
        """;
    AthenaConfig config = loadYaml(yaml, Map.of());

    CacheConfig cache = config.cache();
    assertThat(cache.enabled()).isTrue();
    assertThat(cache.ttl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(cache.maxEntries()).isEqualTo(500);
    assertThat(cache.maxEntryBytes()).isEqualTo(4096);
    assertThat(cache.sharedFailureThreshold()).isEqualTo(5);
    assertThat(cache.sharedRetryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(cache.sharedLease()).isEqualTo(Duration.ofSeconds(3));
    assertThat(cache.effectiveLapseGrace()).isEqualTo(Duration.ofMinutes(1));
    assertThat(cache.redis())
        .isEqualTo(
            new RedisConfig(
                Optional.of("rediss://redis.internal:6380"),
                Duration.ofMillis(100),
                Optional.of(Secret.of("s3cret")),
                "shop:"));
    assertThat(config.security().rateLimitShared()).isTrue();
    assertThat(config.admission().shared()).isTrue();
    assertThat(config.admission().sharedSlotLease()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void environmentOverridesRedisKeysAndTheSharingSwitches() {
    AthenaConfig config =
        loadYaml(
            "",
            Map.of(
                "ATHENA_CACHE_REDIS_ADDRESS", "redis://10.0.0.5:6379",
                "ATHENA_CACHE_REDIS_PASSWORD", "from-env",
                "ATHENA_CACHE_SHARED_LEASE", "5s",
                "ATHENA_SECURITY_RATE_LIMIT_SHARED", "true",
                "ATHENA_ADMISSION_SHARED", "true"));

    assertThat(config.cache().redis().address()).contains("redis://10.0.0.5:6379");
    assertThat(config.cache().redis().password()).contains(Secret.of("from-env"));
    assertThat(config.cache().sharedLease()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.security().rateLimitShared()).isTrue();
    assertThat(config.admission().shared()).isTrue();
  }

  @Test
  void anEmptyAddressMeansNoRedis() {
    AthenaConfig config = loadYaml("cache:\n  redis:\n    address: ${REDIS_URL:-}\n", Map.of());
    assertThat(config.cache().redis().configured()).isFalse();
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml =
        """
        cache:
          shared_lease: 10ms
          shared_lapse_grace: 2h
          redis:
            address: http://redis:6379
            timeout: 1m
            key_prefix: "has space"
            adress: redis://typo:6379
        security:
          rate_limit_shared: perhaps
        admission:
          shared: 1
          shared_slot_lease: 1ms
        """;
    assertThatThrownBy(() -> loadYaml(yaml, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(String.join("\n", e.problems()))
                    .contains("cache.shared_lease was '10ms' but must be between 100ms and 5m")
                    .contains("cache.shared_lapse_grace was '2h'")
                    .contains(
                        "cache.redis.address was 'http://redis:6379' but must be redis://host:port"
                            + " or rediss://host:port")
                    .contains("cache.redis.timeout was '1m'")
                    .contains("cache.redis.key_prefix was 'has space'")
                    .contains("cache.redis.adress")
                    .contains("security.rate_limit_shared was 'perhaps' but must be true or false")
                    .contains("admission.shared was '1' but must be true or false")
                    .contains("admission.shared_slot_lease was '1ms'"));
  }
}
