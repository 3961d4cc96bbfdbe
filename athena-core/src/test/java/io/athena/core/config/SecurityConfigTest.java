package io.athena.core.config;

import static io.athena.core.config.InMemoryFiles.loadYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityConfigTest {

  @Test
  void withoutASecuritySectionTheDefaultsApply() {
    SecurityConfig security = loadYaml("server:\n  port: 4052\n", Map.of()).security();

    assertThat(security).isEqualTo(SecurityConfig.defaults());
    assertThat(security.enforceApiKeys()).isFalse();
    assertThat(security.keyStoreFailure()).isEqualTo(KeyStoreFailure.FAIL_CLOSED);
    assertThat(security.rateLimited()).isFalse();
    assertThat(security.maxConditions()).isEqualTo(200);
    assertThat(security.maxConditionDepth()).isEqualTo(16);
    assertThat(security.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void everyKeyBinds() {
    String yaml =
        """
        security:
          enforce_api_keys: true
          key_store_failure: fail_open
          key_cache_ttl: 2s
          max_limit: 500
          max_insert_rows: 50
          max_conditions: 20
          max_condition_depth: 4
          request_timeout: 1500ms
          raw_sql: read_only
          rate_limit_per_second: 10
          rate_limit_burst: 40
          clients:
            reporting: {enforce_api_keys: false, raw_sql: disabled}
            billing: {raw_sql: enabled}
        """;
    SecurityConfig s = loadYaml(yaml, Map.of()).security();

    assertThat(s.enforceApiKeys()).isTrue();
    assertThat(s.keyStoreFailure()).isEqualTo(KeyStoreFailure.FAIL_OPEN);
    assertThat(s.keyCacheTtl()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.maxLimit()).isEqualTo(500);
    assertThat(s.maxInsertRows()).isEqualTo(50);
    assertThat(s.maxConditions()).isEqualTo(20);
    assertThat(s.maxConditionDepth()).isEqualTo(4);
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.rateLimitPerSecond()).isEqualTo(10);
    assertThat(s.rateLimitBurst()).isEqualTo(40);
    assertThat(s.enforcedFor("reporting")).isFalse();
    assertThat(s.enforcedFor("billing")).isTrue();
    assertThat(s.rawSqlFor("reporting")).isEqualTo(RawSqlMode.DISABLED);
    assertThat(s.rawSqlFor("billing")).isEqualTo(RawSqlMode.ENABLED);
    assertThat(s.rawSqlFor("other")).isEqualTo(RawSqlMode.READ_ONLY);
    assertThat(s.clients().get("billing"))
        .isEqualTo(new ClientSecurity(Optional.empty(), Optional.of(RawSqlMode.ENABLED)));
  }

  @Test
  void environmentVariablesOverrideScalarKeys() {
    SecurityConfig s =
        loadYaml(
                "",
                Map.of(
                    "ATHENA_SECURITY_ENFORCE_API_KEYS", "true",
                    "ATHENA_SECURITY_MAX_LIMIT", "25",
                    "ATHENA_SECURITY_MAX_CONDITIONS", "7",
                    "ATHENA_SECURITY_REQUEST_TIMEOUT", "0"))
            .security();

    assertThat(s.enforceApiKeys()).isTrue();
    assertThat(s.maxLimit()).isEqualTo(25);
    assertThat(s.maxConditions()).isEqualTo(7);
    assertThat(s.requestTimeout()).isZero();
  }

  @Test
  void everyBadValueIsReportedAtOnce() {
    String yaml =
        """
        security:
          enforce_api_keys: maybe
          key_store_failure: fail_sideways
          key_cache_ttl: 1h
          max_limit: 0
          raw_sql: all
          rate_limit_per_second: -1
          max_conditions: 0
          max_condition_depth: 65
          request_timeout: soon
          enforce_keys: true
          clients:
            "bad name!": {raw_sql: enabled}
            reporting: {raw_sql: nope, extra: 1}
        """;

    assertThatThrownBy(() -> loadYaml(yaml, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "security.enforce_api_keys was 'maybe' but must be true or false",
                        "security.key_store_failure was 'fail_sideways' but must be one of"
                            + " fail_closed, fail_open",
                        "security.key_cache_ttl was '1h' but must be between 0ms and 5m",
                        "security.max_limit was '0' but must be between 1 and 2147483647",
                        "security.raw_sql was 'all' but must be one of enabled, read_only,"
                            + " disabled",
                        "security.rate_limit_per_second was '-1' but must be between 0 and"
                            + " 1000000",
                        "security.max_conditions was '0' but must be between 1 and 10000",
                        "security.max_condition_depth was '65' but must be between 1 and 64",
                        "security.request_timeout was 'soon' but must be "
                            + Durations.NOTATION
                            + ", between 0ms and "
                            + Durations.format(ConfigKeys.MAX_DURATION),
                        "security.clients.reporting.raw_sql was 'nope' but must be one of enabled,"
                            + " read_only, disabled")
                    .anySatisfy(p -> assertThat(p).startsWith("security.enforce_keys was"))
                    .anySatisfy(p -> assertThat(p).startsWith("security.clients.bad name! was"))
                    .anySatisfy(p -> assertThat(p).startsWith("security.clients.reporting.extra")));
  }

  @Test
  void theOldConstructorKeepsTheDefaults() {
    AthenaConfig config =
        new AthenaConfig(ServerConfig.defaults(), GatewayConfig.defaults(), Map.of());

    assertThat(config.security()).isEqualTo(SecurityConfig.defaults());
  }
}
