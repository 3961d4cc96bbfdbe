package io.athena.core.config;

import static io.athena.core.config.InMemoryFiles.loadYaml;
import static io.athena.core.config.InMemoryFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "What the environment contributes: ${VAR} references, ATHENA_* overrides, ATHENA_KEY_12")
class EnvironmentTest {

  @Test
  void aReferenceIsReplacedByTheVariable() {
    AthenaConfig config =
        loadYaml(resource("config/full.yaml"), Map.of("ATHENA_ADMIN_KEY", "s3cret-admin"));

    assertThat(config.gateway().adminKey()).contains(Secret.of("s3cret-admin"));
  }

  @Test
  void aReferenceWithADefaultUsesTheDefaultWhenTheVariableIsUnsetOrEmpty() {
    String yaml = "server:\n  port: ${PORT:-5000}\n  host: ${HOST:-localhost}\n";

    assertThat(loadYaml(yaml, Map.of()).server().port()).isEqualTo(5000);
    assertThat(loadYaml(yaml, Map.of("PORT", "")).server().port()).isEqualTo(5000);
    assertThat(loadYaml(yaml, Map.of("PORT", "6000", "HOST", "db")).server())
        .isEqualTo(new ServerConfig("db", 6000, ServerConfig.DEFAULT_MAX_BODY_BYTES));
  }

  @Test
  void referencesMayBeEmbeddedInALongerValue() {
    String yaml = "postgres_clients:\n  r: postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST:-db}/r\n";

    AthenaConfig config = loadYaml(yaml, Map.of("DB_USER", "app", "DB_PASSWORD", "pw"));

    assertThat(config.postgresClients().get("r").uri().reveal())
        .isEqualTo("postgres://app:pw@db/r");
  }

  @Test
  void anUnsetVariableWithoutDefaultIsAnErrorNamingTheKeyAndTheVariable() {
    String yaml = "server:\n  port: ${PORT}\n";

    assertThatThrownBy(() -> loadYaml(yaml, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "server.port was '${PORT}' but refers to the unset environment variable"
                            + " PORT (set it, or write ${PORT:-default})"));
  }

  @Test
  void anExpandedValueThatIsInvalidSaysWhereItCameFrom() {
    String yaml = "server:\n  port: ${PORT}\n";

    assertThatThrownBy(() -> loadYaml(yaml, Map.of("PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "server.port was 'eighty' but must be an integer between 1 and 65535"
                + " (expanded from '${PORT}')");
  }

  @Test
  void overridesReplaceFileValuesOfServerAndGateway() {
    Map<String, String> env =
        Map.of(
            "ATHENA_ADMIN_KEY", "from-file",
            "ATHENA_SERVER_HOST", "10.0.0.1",
            "ATHENA_SERVER_PORT", "8080",
            "ATHENA_SERVER_MAX_BODY_BYTES", "512",
            "ATHENA_GATEWAY_ADMIN_KEY", "from-override",
            "ATHENA_GATEWAY_DEFAULT_SCHEMA", "reporting",
            "ATHENA_GATEWAY_CATALOG_CACHE_TTL", "5s");

    AthenaConfig config = loadYaml(resource("config/full.yaml"), env);

    assertThat(config.server()).isEqualTo(new ServerConfig("10.0.0.1", 8080, 512));
    assertThat(config.gateway())
        .isEqualTo(
            new GatewayConfig(
                Optional.of(Secret.of("from-override")), "reporting", Duration.ofSeconds(5)));
  }

  @Test
  void overridesApplyWithoutAnyFile() {
    AthenaConfig config = new InMemoryFiles().loader(Map.of("ATHENA_SERVER_PORT", "9090")).load();

    assertThat(config.server().port()).isEqualTo(9090);
  }

  @Test
  void overrideValuesAreTakenLiterallyAndAnEmptyOneIsIgnored() {
    AthenaConfig config =
        loadYaml(
            "gateway:\n  default_schema: app\n",
            Map.of(
                "ATHENA_GATEWAY_ADMIN_KEY",
                "${NOT_EXPANDED}",
                "ATHENA_GATEWAY_DEFAULT_SCHEMA",
                ""));

    assertThat(config.gateway().adminKey()).contains(Secret.of("${NOT_EXPANDED}"));
    assertThat(config.gateway().defaultSchema()).isEqualTo("app");
  }

  @Test
  void aBadOverrideNamesTheVariable() {
    assertThatThrownBy(() -> loadYaml("", Map.of("ATHENA_SERVER_PORT", "0")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "server.port was '0' but must be between 1 and 65535"
                            + " (set by ATHENA_SERVER_PORT)"));
  }

  @Test
  void unrelatedAthenaVariablesAreIgnored() {
    Map<String, String> env =
        Map.of("ATHENA_GATEWAY_URL", "https://gw.example.com", "ATHENA_API_KEY", "x");

    assertThat(loadYaml("", env)).isEqualTo(AthenaConfig.defaults());
  }

  @Test
  void athenaKey12BecomesTheAdminKeyWhenNoneIsConfigured() {
    AthenaConfig config = loadYaml("", Map.of("ATHENA_KEY_12", "rust-style-key"));

    assertThat(config.gateway().adminKey()).contains(Secret.of("rust-style-key"));
  }

  @Test
  void anEmptyAdminKeyCountsAsNoneSoAthenaKey12StillApplies() {
    String yaml = "gateway:\n  admin_key: ${ATHENA_ADMIN_KEY:-}\n";

    assertThat(loadYaml(yaml, Map.of()).gateway().adminKey()).isEmpty();
    assertThat(loadYaml(yaml, Map.of("ATHENA_KEY_12", "k12")).gateway().adminKey())
        .contains(Secret.of("k12"));
  }

  @Test
  void athenaKey12DoesNotReplaceAConfiguredAdminKey() {
    AthenaConfig fromFile =
        loadYaml("gateway:\n  admin_key: configured\n", Map.of("ATHENA_KEY_12", "k12"));
    AthenaConfig fromOverride =
        loadYaml("", Map.of("ATHENA_GATEWAY_ADMIN_KEY", "override", "ATHENA_KEY_12", "k12"));

    assertThat(fromFile.gateway().adminKey()).contains(Secret.of("configured"));
    assertThat(fromOverride.gateway().adminKey()).contains(Secret.of("override"));
  }
}
