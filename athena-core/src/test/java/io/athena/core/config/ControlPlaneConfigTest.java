package io.athena.core.config;

import static io.athena.core.config.InMemoryFiles.loadYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gateway.logging_client} and the {@code control_plane} section. */
class ControlPlaneConfigTest {
  private static final String CLIENTS =
      """
      postgres_clients:
        app: postgres://app@db/app
        logs: postgres://app@db/logs
      """;

  @Test
  void withoutALoggingClientThereIsNoControlPlane() {
    AthenaConfig config = loadYaml(CLIENTS, Map.of());

    assertThat(config.observability().controlPlane()).isEqualTo(ControlPlaneConfig.defaults());
    assertThat(config.observability().controlPlane().loggingClient()).isEmpty();
  }

  @Test
  void everyKeyBinds() {
    String yaml =
        CLIENTS
            + """
            gateway:
              logging_client: logs
            control_plane:
              audit_queue_capacity: 1000
              audit_batch_size: 50
              audit_flush_interval: 20ms
              catalog_reload_interval: 2s
              request_log_retention: 720h
            """;
    ControlPlaneConfig c = loadYaml(yaml, Map.of()).observability().controlPlane();

    assertThat(c.loggingClient()).hasValue("logs");
    assertThat(c.auditQueueCapacity()).isEqualTo(1000);
    assertThat(c.auditBatchSize()).isEqualTo(50);
    assertThat(c.auditFlushInterval()).isEqualTo(Duration.ofMillis(20));
    assertThat(c.catalogReloadInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.requestLogRetention()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void theRequestLogIsKeptWholeUnlessARetentionIsSet() {
    assertThat(loadYaml(CLIENTS, Map.of()).observability().controlPlane().requestLogRetention())
        .isZero();
  }

  @Test
  void environmentVariablesOverrideTheKeys() {
    ControlPlaneConfig c =
        loadYaml(
                CLIENTS,
                Map.of(
                    "ATHENA_GATEWAY_LOGGING_CLIENT", "app",
                    "ATHENA_CONTROL_PLANE_AUDIT_BATCH_SIZE", "64"))
            .observability()
            .controlPlane();

    assertThat(c.loggingClient()).hasValue("app");
    assertThat(c.auditBatchSize()).isEqualTo(64);
  }

  @Test
  void theLoggingClientMustBeAConfiguredClient() {
    assertThatThrownBy(() -> loadYaml(CLIENTS + "gateway:\n  logging_client: audit\n", Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "gateway.logging_client was 'audit' but must name a client of"
                            + " postgres_clients (configured: app, logs)"));
    assertThatThrownBy(() -> loadYaml("gateway:\n  logging_client: audit\n", Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "gateway.logging_client was 'audit' but must name a client of"
                            + " postgres_clients (none are configured)"));
  }

  @Test
  void valuesOutOfRangeAreReportedTogether() {
    String yaml =
        """
        control_plane:
          audit_queue_capacity: 0
          audit_batch_size: 100000
          audit_flush_interval: 0ms
          catalog_reload_interval: 10ms
          request_log_retention: 100000h
          audit_bach_size: 5
        """;
    assertThatThrownBy(() -> loadYaml(yaml, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "control_plane.audit_bach_size was '<masked>' but is not a known key (did"
                            + " you mean 'audit_batch_size'? known keys: audit_queue_capacity,"
                            + " audit_batch_size, audit_flush_interval, catalog_reload_interval,"
                            + " request_log_retention)",
                        "control_plane.audit_queue_capacity was '0' but must be between 1 and"
                            + " 10000000",
                        "control_plane.audit_batch_size was '100000' but must be between 1 and"
                            + " 10000",
                        "control_plane.audit_flush_interval was '0ms' but must be between 1ms and"
                            + " 1m",
                        "control_plane.catalog_reload_interval was '10ms' but must be between"
                            + " 100ms and 1h",
                        "control_plane.request_log_retention was '100000h' but must be between"
                            + " 0ms and 87600h"));
  }
}
