package io.athena.core.config;

import static io.athena.core.config.InMemoryFiles.loadYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.core.daemon.DaemonRole;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code daemon} and {@code admission} sections. */
class JobsConfigTest {

  @Test
  void withoutTheSectionsTheDefaultsKeepTodaysBehaviour() {
    AthenaConfig config = loadYaml("server:\n  port: 4052\n", Map.of());

    assertThat(config.daemon()).isEqualTo(DaemonConfig.defaults());
    assertThat(config.daemon().enabled()).isFalse();
    assertThat(config.daemon().role()).isEqualTo(DaemonRole.ALL);
    assertThat(config.admission()).isEqualTo(AdmissionConfig.defaults());
    assertThat(config.admission().bounded()).isFalse();
    assertThat(config.admission().overload()).isEqualTo(OverloadAction.REJECT);
    assertThat(config.admission().deferredResultTtl()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void everyKeyBinds() {
    String yaml =
        """
        daemon:
          enabled: true
          role: clone-worker
          id: worker-7
          lease: 20s
          heartbeat_interval: 5s
          poll_interval: 100ms
          drain_timeout: 10s
          claim_batch_size: 5
          concurrency:
            email.send: 8
            clone: 1
        admission:
          max_concurrent: 100
          max_concurrent_per_client: 10
          overload: defer
          deferred_result_ttl: 30m
        """;
    AthenaConfig config = loadYaml(yaml, Map.of());

    DaemonConfig d = config.daemon();
    assertThat(d.enabled()).isTrue();
    assertThat(d.role()).isEqualTo(DaemonRole.CLONE_WORKER);
    assertThat(d.daemonId()).hasValue("worker-7");
    assertThat(d.lease()).isEqualTo(Duration.ofSeconds(20));
    assertThat(d.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.pollInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(d.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.claimBatchSize()).isEqualTo(5);
    assertThat(d.concurrency()).containsExactly(Map.entry("email.send", 8), Map.entry("clone", 1));
    AdmissionConfig a = config.admission();
    assertThat(a)
        .isEqualTo(new AdmissionConfig(100, 10, OverloadAction.DEFER, Duration.ofMinutes(30)));
    assertThat(config.describe())
        .contains("daemon.role = clone-worker")
        .contains("daemon.concurrency.email.send = 8")
        .contains("admission.overload = defer");
  }

  @Test
  void environmentOverridesScalarKeys() {
    AthenaConfig config =
        loadYaml(
            "",
            Map.of(
                "ATHENA_DAEMON_ENABLED", "true",
                "ATHENA_DAEMON_ROLE", "api",
                "ATHENA_ADMISSION_OVERLOAD", "defer",
                "ATHENA_ADMISSION_MAX_CONCURRENT", "3"));

    assertThat(config.daemon().enabled()).isTrue();
    assertThat(config.daemon().role()).isEqualTo(DaemonRole.API);
    assertThat(config.admission().overload()).isEqualTo(OverloadAction.DEFER);
    assertThat(config.admission().maxConcurrent()).isEqualTo(3);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml =
        """
        daemon:
          enabled: maybe
          role: worker
          id: "has spaces"
          lease: 10s
          heartbeat_interval: 10s
          claim_batch_size: 0
          concurrency:
            Bad-Family: 2
            email: 0
          leese: 1s
        admission:
          max_concurrent: -1
          overload: queue
          deferred_result_ttl: 30d
        """;
    assertThatThrownBy(() -> loadYaml(yaml, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(String.join("\n", e.problems()))
                    .contains("daemon.enabled was 'maybe' but must be true or false")
                    .contains(
                        "daemon.role was 'worker' but must be one of api, daemon, clone-worker, all")
                    .contains("daemon.id was 'has spaces' but must match")
                    .contains(
                        "daemon.heartbeat_interval was '10s' but must be shorter than daemon.lease")
                    .contains("daemon.claim_batch_size was '0' but must be between 1 and 1000")
                    .contains("daemon.concurrency.Bad-Family")
                    .contains("daemon.concurrency.email was '0' but must be between 1 and 1000")
                    .contains("daemon.leese")
                    .contains("admission.max_concurrent was '-1'")
                    .contains("admission.overload was 'queue' but must be one of reject, defer")
                    .contains("admission.deferred_result_ttl was '30d'"));
  }
}
