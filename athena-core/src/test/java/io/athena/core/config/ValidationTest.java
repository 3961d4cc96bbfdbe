package io.athena.core.config;

import static io.athena.core.config.InMemoryFiles.loadYaml;
import static io.athena.core.config.InMemoryFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.AthenaException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Validation reports every problem at once")
class ValidationTest {

  @Test
  void everyRuleBrokenInOneFileIsListedInOneException() {
    String durations = "a duration such as 250ms, 5s, 2m, 1h or a plain number of ms";

    assertThatThrownBy(() -> loadYaml(resource("config/invalid-everything.yaml"), Map.of()))
        .isInstanceOf(AthenaException.class)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems())
                  .containsExactly(
                      "server.host was ' ' but must not be blank",
                      "server.port was '70000' but must be between 1 and 65535",
                      "server.max_body_bytes was '0' but must be between 1 and 2147483647",
                      "gateway.admin_key was '<masked>' but must not begin or end with whitespace",
                      "gateway.default_schema was 'app; drop table x' but must be a PostgreSQL"
                          + " identifier matching [A-Za-z_][A-Za-z0-9_$]{0,62}",
                      "gateway.catalog_cache_ttl was '-5s' but must be "
                          + durations
                          + ", between 0ms and 2147483647ms",
                      "postgres_clients was 'bad name!' but client names must match"
                          + " [A-Za-z0-9_-]{1,63}",
                      "postgres_clients.reporting was '<masked>' but must start with postgres://,"
                          + " postgresql://, jdbc:postgresql://",
                      "postgres_clients.analytics was '<masked>' but refers to the unset"
                          + " environment variable ANALYTICS_URI (set it, or write"
                          + " ${ANALYTICS_URI:-default})",
                      "postgres_clients.nulled was 'null' but must be a URI or a mapping with keys"
                          + " uri, max_pool_size, connection_timeout, statement_timeout",
                      "postgres_clients.billing.uri was 'null' but is required",
                      "postgres_clients.billing.max_pool_size was '0' but must be between 1 and"
                          + " 10000",
                      "postgres_clients.billing.connection_timeout was '100ms' but must be between"
                          + " 250ms and 2147483647ms",
                      "postgres_clients.billing.statement_timeout was '1.5s' but must be "
                          + durations
                          + ", between 1ms and 2147483647ms");
              assertThat(e.getMessage())
                  .startsWith(
                      "Invalid Athena configuration from /etc/athena/athena.yaml (14 problems):\n"
                          + "  - server.host was ' ' but must not be blank\n");
              e.problems().forEach(problem -> assertThat(e.getMessage()).contains(problem));
            });
  }

  @Test
  void unknownKeysAreErrorsWithASuggestionAndAHiddenValue() {
    assertThatThrownBy(() -> loadYaml(resource("config/unknown-keys.yaml"), Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "gatway was '<masked>' but is not a known key (did you mean 'gateway'?"
                            + " known keys: server, gateway, postgres_clients, security, daemon,"
                            + " admission, cache, tracing, health, control_plane)",
                        "server.prot was '<masked>' but is not a known key (did you mean 'port'?"
                            + " known keys: host, port, max_body_bytes)",
                        "gateway.admn_key was '<masked>' but is not a known key (did you mean"
                            + " 'admin_key'? known keys: admin_key, default_schema,"
                            + " catalog_cache_ttl, logging_client)",
                        "postgres_clients.billing.url was '<masked>' but is not a known key (did you"
                            + " mean 'uri'? known keys: uri, max_pool_size, connection_timeout,"
                            + " statement_timeout)"));
  }

  @Test
  void aSectionThatIsNotAMappingIsAnError() {
    assertThatThrownBy(() -> loadYaml("server: 4052\ngateway: [a]\n", Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "server was '<number>' but must be a mapping with keys host, port,"
                            + " max_body_bytes",
                        "gateway was '<list>' but must be a mapping with keys admin_key,"
                            + " default_schema, catalog_cache_ttl, logging_client"));
  }

  @Test
  void aMappingOfTheHostsOwnNamesThatIsNotAMappingIsAnError() {
    assertThatThrownBy(
            () -> loadYaml("daemon:\n  concurrency: 4\nsecurity:\n  clients: [a, b]\n", Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "daemon.concurrency was '<number>' but must be a mapping of job family to"
                            + " a number",
                        "security.clients was '<list>' but must be a mapping of client name to"
                            + " settings"));
  }

  @Test
  void aDocumentThatIsNotAMappingIsAnError() {
    assertThatThrownBy(() -> loadYaml("- server\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("(document) was '<list>' but must be a mapping with keys");
  }

  @Test
  void aListWhereAValueBelongsIsAnError() {
    assertThatThrownBy(() -> loadYaml("server:\n  port: [1, 2]\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.port was '<list>' but must be a single value");
  }

  @Test
  void aSecretThatYamlReadsAsANumberMustBeQuoted() {
    String yaml = "gateway:\n  admin_key: 0x1F\n";

    assertThatThrownBy(() -> loadYaml(yaml, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "gateway.admin_key was '<masked>' but must be quoted: YAML reads it as"
                            + " <number>"));
    assertThat(loadYaml("gateway:\n  admin_key: \"0x1F\"\n", Map.of()).gateway().adminKey())
        .contains(Secret.of("0x1F"));
  }

  @Test
  void numbersMayBeQuotedAndHugeOnesAreOutOfRange() {
    assertThat(loadYaml("server:\n  port: \"8080\"\n", Map.of()).server().port()).isEqualTo(8080);
    assertThatThrownBy(() -> loadYaml("server:\n  port: 99999999999999999999999\n", Map.of()))
        .hasMessageContaining(
            "server.port was '99999999999999999999999' but must be between 1 and 65535");
    assertThatThrownBy(() -> loadYaml("server:\n  port: 80.5\n", Map.of()))
        .hasMessageContaining("server.port was '80.5' but must be an integer between 1 and 65535");
  }

  @Test
  void durationsAcceptUnitsAndPlainMilliseconds() {
    String yaml =
        "gateway:\n  catalog_cache_ttl: %s\n"
            + "postgres_clients:\n  c:\n    uri: postgres://db/c\n    statement_timeout: %s\n";

    AthenaConfig config = loadYaml(yaml.formatted("2m", "1500"), Map.of());
    AthenaConfig zeroTtl = loadYaml(yaml.formatted("0", "\"1h\""), Map.of());

    assertThat(config.gateway().catalogCacheTtl()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.postgresClients().get("c").statementTimeout())
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(zeroTtl.gateway().catalogCacheTtl()).isZero();
    assertThat(zeroTtl.postgresClients().get("c").statementTimeout())
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void absentKeysTakeTheDocumentedDefaults() {
    AthenaConfig config = loadYaml("server:\ngateway:\n  default_schema: app\n", Map.of());

    assertThat(config.server()).isEqualTo(ServerConfig.defaults());
    assertThat(config.gateway())
        .isEqualTo(
            new GatewayConfig(
                java.util.Optional.empty(), "app", GatewayConfig.DEFAULT_CATALOG_CACHE_TTL));
    assertThat(config.postgresClients()).isEmpty();
  }
}
