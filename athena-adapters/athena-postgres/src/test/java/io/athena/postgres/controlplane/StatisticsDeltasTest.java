package io.athena.postgres.controlplane;

import static io.athena.postgres.controlplane.ControlPlaneIt.T0;
import static io.athena.postgres.controlplane.ControlPlaneIt.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.postgres.controlplane.StatisticsDeltas.ClientDelta;
import io.athena.postgres.controlplane.StatisticsDeltas.TableDelta;
import io.athena.spi.telemetry.GatewayEvent;
import io.athena.spi.telemetry.GatewayOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatisticsDeltasTest {

  @Test
  @DisplayName("a thousand requests of two clients become two client rows and three table rows")
  void oneDeltaPerKeyHoweverManyRequests() {
    List<GatewayEvent> events = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String client = i % 2 == 0 ? "b" : "a";
      String table = i % 4 < 2 ? "users" : "orders";
      events.add(event(i, client, client.equals("a") ? "users" : table, "fetch", 200, "miss"));
    }

    StatisticsDeltas deltas = StatisticsDeltas.of(events);

    assertThat(deltas.clients()).extracting(ClientDelta::client).containsExactly("a", "b");
    assertThat(deltas.tables())
        .extracting(d -> d.client() + "." + d.table())
        .containsExactly("a.users", "b.orders", "b.users");
    assertThat(deltas.clients()).extracting(ClientDelta::total).containsExactly(500L, 500L);
  }

  @Test
  @DisplayName("failures (400 and up), successes, cache hits and the newest time are counted")
  void countsByOutcome() {
    List<GatewayEvent> events =
        List.of(
            event(3, "app", "users", "fetch", 200, "hit_local"),
            event(9, "app", "users", "fetch", 200, "hit_shared"),
            event(1, "app", "users", "fetch", 200, "miss"),
            event(5, "app", "users", "fetch", 404, "bypass"),
            event(2, "app", "users", "insert", 503, "none"),
            event(4, "app", "users", "insert", 429, "none"));

    StatisticsDeltas deltas = StatisticsDeltas.of(events);

    assertThat(deltas.clients())
        .containsExactly(new ClientDelta("app", 6, 3, 3, 2, T0.plusMillis(9)));
    assertThat(deltas.tables())
        .containsExactly(
            new TableDelta("app", "users", "fetch", 4, 1, T0.plusMillis(9)),
            new TableDelta("app", "users", "insert", 2, 2, T0.plusMillis(4)));
  }

  @Test
  @DisplayName("requests without a client count nowhere; without a table, for the client only")
  void partialEvents() {
    GatewayEvent noClient =
        GatewayEvent.builder(T0.plusMillis(1), GatewayOutcome.CLIENT_ERROR)
            .requestId("r")
            .method("POST")
            .path("/gateway/fetch")
            .operation("fetch")
            .statusCode(400)
            .durationMs(1)
            .cache("none")
            .errorCode("missing_client_header")
            .errorMessage("Invalid request")
            .build();
    List<GatewayEvent> events = List.of(noClient, event(2, "app", null, "query", 200, "none"));

    StatisticsDeltas deltas = StatisticsDeltas.of(events);

    assertThat(deltas.clients()).extracting(ClientDelta::client).containsExactly("app");
    assertThat(deltas.tables()).isEmpty();
  }

  @Test
  @DisplayName("names cut to the same stored text add up instead of colliding in one upsert")
  void cleanedKeysMerge() {
    String longA = "t".repeat(AuditRows.MAX_TEXT) + "a";
    String longB = "t".repeat(AuditRows.MAX_TEXT) + "b";
    StatisticsDeltas deltas =
        StatisticsDeltas.of(
            List.of(
                event(1, "app", longA, "fetch", 200, "miss"),
                event(2, "app", longB, "fetch", 200, "miss"),
                event(3, "app\0", "users", "fetch", 200, "miss")));

    assertThat(deltas.tables()).hasSize(2);
    assertThat(deltas.tables().get(0).total()).isEqualTo(2);
    assertThat(deltas.clients()).hasSize(1);
  }
}
