package io.athena.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.json.Json;
import io.athena.spi.health.ClientProbe;
import io.athena.spi.health.PoolSnapshot;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HealthJsonTest {
  private static final Instant AT = Instant.parse("2030-01-02T03:04:05Z");

  private static JsonNode json(Object value) {
    return Json.parse(Json.write(value));
  }

  @Test
  void clusterHasTheContractsShape() {
    ClientHealth up =
        ClientHealth.probed(
            "billing",
            ClientProbe.online(Duration.ofNanos(1_234_567)),
            Optional.of(PoolSnapshot.of(2, 3, 10, 1)),
            AT);
    ClientHealth down =
        ClientHealth.probed(
            "reporting", ClientProbe.offline("connection refused"), Optional.empty(), AT);
    MirrorHealth mirror =
        MirrorHealth.online(URI.create("http://athena-2:4052"), Duration.ofMillis(4), AT);
    ClusterHealth cluster = ClusterHealth.of(List.of(up, down), List.of(mirror));

    JsonNode body = json(HealthJson.cluster(cluster, "1.2.3"));

    assertThat(body.get("status").asText()).isEqualTo("degraded");
    assertThat(body.get("version").asText()).isEqualTo("1.2.3");
    JsonNode billing = body.get("clients").get(0);
    assertThat(billing.get("client_name").asText()).isEqualTo("billing");
    assertThat(billing.get("status").asText()).isEqualTo("online");
    assertThat(billing.get("latency_ms").asDouble()).isEqualTo(1.235);
    assertThat(billing.get("pool").toString()).isEqualTo("{\"active\":2,\"idle\":3,\"max\":10}");
    assertThat(billing.has("error")).as("no error key when online").isFalse();
    assertThat(billing.get("checked_at").asText()).isEqualTo("2030-01-02T03:04:05Z");
    JsonNode reporting = body.get("clients").get(1);
    assertThat(reporting.get("status").asText()).isEqualTo("offline");
    assertThat(reporting.get("latency_ms").isNull()).isTrue();
    assertThat(reporting.get("pool").isNull()).isTrue();
    assertThat(reporting.get("error").asText()).isEqualTo("connection refused");
    JsonNode m = body.get("mirrors").get(0);
    assertThat(m.get("url").asText()).isEqualTo("http://athena-2:4052");
    assertThat(m.get("status").asText()).isEqualTo("online");
    assertThat(m.get("latency_ms").asDouble()).isEqualTo(4.0);
  }

  @Test
  void notYetProbedClientsAndMirrorsSayUnknownWithoutATime() {
    ClusterHealth cluster =
        ClusterHealth.of(
            List.of(ClientHealth.notYetProbed("a")),
            List.of(MirrorHealth.notYetProbed(URI.create("http://m"))));

    JsonNode body = json(HealthJson.cluster(cluster, "v"));

    JsonNode a = body.get("clients").get(0);
    assertThat(a.get("status").asText()).isEqualTo("unknown");
    assertThat(a.get("checked_at").isNull()).isTrue();
    assertThat(a.get("error").asText()).isEqualTo("not probed yet");
    assertThat(body.get("mirrors").get(0).get("status").asText()).isEqualTo("unknown");
    assertThat(body.get("status").asText()).isEqualTo("down");
  }

  @Test
  void poolsListEveryClientWithNullsWhereThePoolIsUnknown() {
    Map<String, Optional<PoolSnapshot>> pools = new LinkedHashMap<>();
    pools.put("a", Optional.of(PoolSnapshot.of(1, 2, 3, 4)));
    pools.put("b", Optional.of(new PoolSnapshot(1, 0, 5, OptionalInt.empty())));
    pools.put("c", Optional.empty());

    JsonNode body = json(HealthJson.pools(pools));

    assertThat(body.get("pools").get(0).toString())
        .isEqualTo("{\"client_name\":\"a\",\"active\":1,\"idle\":2,\"max\":3,\"pending\":4}");
    assertThat(body.get("pools").get(1).get("pending").isNull()).isTrue();
    assertThat(body.get("pools").get(2).toString())
        .isEqualTo(
            "{\"client_name\":\"c\",\"active\":null,\"idle\":null,\"max\":null,\"pending\":null}");
  }

  @Test
  void latencyIsMillisecondsToTheMicrosecond() {
    assertThat(HealthJson.millis(Optional.of(Duration.ofNanos(499)))).isEqualTo(0.0);
    assertThat(HealthJson.millis(Optional.of(Duration.ofNanos(1_500)))).isEqualTo(0.002);
    assertThat(HealthJson.millis(Optional.of(Duration.ofSeconds(2)))).isEqualTo(2000.0);
    assertThat(HealthJson.millis(Optional.empty())).isNull();
  }

  @Test
  void mirrorPingUrlKeepsThePathPrefix() {
    assertThat(MirrorProbe.ping(URI.create("http://h:1/athena")))
        .isEqualTo(URI.create("http://h:1/athena/ping"));
    assertThat(MirrorProbe.ping(URI.create("http://h:1"))).isEqualTo(URI.create("http://h:1/ping"));
  }
}
