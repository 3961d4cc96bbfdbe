package io.athena.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.ControlPlaneConfig;
import io.athena.core.jobs.AdminCalls;
import io.athena.core.router.Route;
import io.athena.spi.AthenaException;
import io.athena.spi.telemetry.AuditSink;
import io.athena.spi.telemetry.GatewayEvent;
import io.athena.spi.telemetry.GatewayOutcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How an {@link Athena} takes a control plane or an audit sink, mounts, meters and closes it. */
class ControlPlaneWiringTest {

  static GatewayEvent event(String client) {
    return GatewayEvent.builder(Instant.parse("2030-01-01T00:00:00Z"), GatewayOutcome.SUCCESS)
        .requestId("req")
        .client(client)
        .method("POST")
        .path("/gateway/fetch")
        .operation("fetch")
        .tableName("users")
        .statusCode(200)
        .durationMs(1.0)
        .backend("postgres")
        .cache("miss")
        .rowsReturned(1L)
        .build();
  }

  @Test
  @DisplayName("without a control plane the statistics routes say so and audit is a no-op")
  void withoutAControlPlane() {
    try (Athena athena = Athena.builder().config(AdminCalls.adminConfig()).build()) {
      assertThat(athena.controlPlane()).isEmpty();
      athena.auditSink().record(event("app")); // discarded, never throws
      AdminCalls admin = new AdminCalls(athena.router());
      for (String path :
          List.of(
              "/admin/clients/statistics",
              "/admin/clients/app/statistics",
              "/admin/clients/app/statistics/drilldown")) {
        AdminCalls.Answer answer = admin.get(path);
        assertThat(answer.status()).as(path).isEqualTo(404);
        assertThat(answer.body().path("code").asText()).isEqualTo("control_plane_disabled");
        assertThat(answer.body().path("error").asText()).contains("gateway.logging_client");
      }
    }
  }

  @Test
  @DisplayName("a control plane mounts the routes, receives the audit records and is closed once")
  void withAControlPlane() {
    FakeControlPlane controlPlane = new FakeControlPlane();
    Athena athena =
        Athena.builder().config(AdminCalls.adminConfig()).controlPlane(controlPlane).build();

    athena.auditSink().record(event("app"));

    assertThat(athena.controlPlane()).containsSame(controlPlane);
    assertThat(controlPlane.recorded).hasSize(1);
    assertThat(paths(athena))
        .contains(
            "/admin/clients/statistics",
            "/admin/clients/{name}/statistics",
            "/admin/clients/{name}/statistics/drilldown");
    athena.close();
    athena.close();
    assertThat(controlPlane.closes.get()).as("sink close + control plane close, once").isEqualTo(2);
  }

  @Test
  @DisplayName("a host's audit sink replaces the control plane's and is closed with Athena")
  void hostSinkWins() {
    FakeControlPlane controlPlane = new FakeControlPlane();
    List<GatewayEvent> mine = new ArrayList<>();
    boolean[] closed = {false};
    AuditSink sink =
        new AuditSink() {
          @Override
          public void record(GatewayEvent event) {
            mine.add(event);
          }

          @Override
          public void close() {
            closed[0] = true;
          }
        };
    try (Athena athena = Athena.builder().controlPlane(controlPlane).auditSink(sink).build()) {
      athena.auditSink().record(event("app"));
    }
    assertThat(mine).hasSize(1);
    assertThat(controlPlane.recorded).isEmpty();
    assertThat(closed[0]).isTrue();
  }

  @Test
  @DisplayName("the sink's drops and queue depth are meters with the contract's Prometheus names")
  void metersUseTheContractNames() {
    FakeControlPlane controlPlane = new FakeControlPlane();
    controlPlane.dropped = 7;
    controlPlane.queueDepth = 3;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Athena athena =
        Athena.builder().controlPlane(controlPlane).meterRegistry(registry).build()) {
      String scrape = registry.scrape();
      assertThat(scrape)
          .contains("# TYPE athena_audit_records_dropped_total counter")
          .contains("athena_audit_records_dropped_total 7.0")
          .contains("# TYPE athena_audit_queue_depth gauge")
          .contains("athena_audit_queue_depth 3.0");
    }
  }

  @Test
  @DisplayName("fromConfig with a logging client but no provider on the classpath fails clearly")
  void missingProviderFails() {
    AthenaConfig config = AthenaConfig.defaults();
    AthenaConfig withLogging =
        config.withObservability(
            config
                .observability()
                .withControlPlane(ControlPlaneConfig.defaults().withLoggingClient("logs")));
    assertThatThrownBy(() -> ControlPlanes.fromConfig(withLogging))
        .isInstanceOf(AthenaException.class)
        .hasMessageContaining("gateway.logging_client names 'logs'")
        .hasMessageContaining("athena-postgres");
    assertThat(ControlPlanes.fromConfig(config)).isEmpty();
  }

  private static List<String> paths(Athena athena) {
    return athena.router().routes().stream().map(Route::path).toList();
  }
}
