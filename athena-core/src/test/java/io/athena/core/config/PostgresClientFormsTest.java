package io.athena.core.config;

import static io.athena.core.config.InMemoryFiles.loadYaml;
import static io.athena.core.config.InMemoryFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The three ways to write postgres_clients")
class PostgresClientFormsTest {
  private static final Map<String, String> ENV = Map.of("ATHENA_ADMIN_KEY", "k");

  @Test
  void theShortFormMapsANameToAUriWithDefaultPoolSettings() {
    PostgresClientConfig reporting =
        loadYaml(resource("config/full.yaml"), ENV).postgresClients().get("reporting");

    assertThat(reporting)
        .isEqualTo(
            PostgresClientConfig.of("reporting", "postgres://app:reporting-pw@db:5432/reporting"));
  }

  @Test
  void theLongFormSetsEveryPoolSetting() {
    PostgresClientConfig billing =
        loadYaml(resource("config/full.yaml"), ENV).postgresClients().get("billing");

    assertThat(billing)
        .isEqualTo(
            new PostgresClientConfig(
                "billing",
                Secret.of("jdbc:postgresql://db:5432/billing?user=app&password=billing-pw"),
                20,
                Duration.ofMillis(250),
                Duration.ofSeconds(45)));
  }

  @Test
  void theLongFormFallsBackToDefaultsForAbsentKeys() {
    String yaml = "postgres_clients:\n  billing:\n    uri: postgres://db/billing\n";

    assertThat(loadYaml(yaml, Map.of()).postgresClients().get("billing"))
        .isEqualTo(PostgresClientConfig.of("billing", "postgres://db/billing"));
  }

  @Test
  void theAthenaRsListFormKeepsTheOrderAndAcceptsBothEntryForms() {
    Map<String, PostgresClientConfig> clients =
        loadYaml(resource("config/list-clients.yaml"), Map.of()).postgresClients();

    assertThat(clients).containsOnlyKeys("reporting", "billing", "ledger");
    assertThat(clients.keySet()).containsExactly("reporting", "billing", "ledger");
    assertThat(clients.get("reporting").uri().reveal())
        .isEqualTo("postgres://app:reporting-pw@db:5432/reporting");
    assertThat(clients.get("billing").maxPoolSize()).isEqualTo(3);
    assertThat(clients.get("ledger").uri().reveal()).isEqualTo("jdbc:postgresql://db/ledger");
  }

  @Test
  void theMappingFormKeepsTheOrderOfTheFile() {
    String yaml =
        "postgres_clients:\n  zeta: postgres://db/z\n  alpha: postgres://db/a\n  mid: postgres://db/m\n";

    assertThat(loadYaml(yaml, Map.of()).postgresClients().keySet())
        .containsExactly("zeta", "alpha", "mid");
  }

  @Test
  void aListEntryMustHoldExactlyOneClient() {
    String yaml =
        "postgres_clients:\n"
            + "  - name: billing\n"
            + "    uri: postgres://db/billing\n"
            + "  - postgres://app:pw@db/x\n";

    assertThatThrownBy(() -> loadYaml(yaml, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "postgres_clients[0] was '<mapping>' but must be a one-entry mapping such as"
                            + " '- reporting: postgres://...'",
                        "postgres_clients[1] was '<text>' but must be a one-entry mapping such as"
                            + " '- reporting: postgres://...'"));
  }

  @Test
  void aClientNameUsedTwiceInTheListFormIsAnError() {
    String yaml = "postgres_clients:\n  - billing: postgres://db/a\n  - billing: postgres://db/b\n";

    assertThatThrownBy(() -> loadYaml(yaml, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "postgres_clients[1] was 'billing' but repeats a client name; names must be unique");
  }

  @Test
  void everyAcceptedUriSchemeLoads() {
    String yaml =
        "postgres_clients:\n"
            + "  a: postgres://db/a\n"
            + "  b: postgresql://db/b\n"
            + "  c: jdbc:postgresql://db/c\n";

    assertThat(loadYaml(yaml, Map.of()).postgresClients()).hasSize(3);
  }

  @Test
  void clientNamesMayUseLettersDigitsDashAndUnderscoreUpTo63Characters() {
    String longest = "a".repeat(63);
    String yaml =
        "postgres_clients:\n  Report_2-x: postgres://db/a\n  " + longest + ": postgres://db/b\n";

    assertThat(loadYaml(yaml, Map.of()).postgresClients()).containsKeys("Report_2-x", longest);
    assertThatThrownBy(
            () -> loadYaml("postgres_clients:\n  " + longest + "b: postgres://db/a\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client names must match [A-Za-z0-9_-]{1,63}");
  }
}
