package io.athena.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.athena.core.config.HealthConfig;
import io.athena.spi.Backend;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.GatewayOperation;
import io.athena.spi.OperationResult;
import io.athena.spi.health.ClientProbe;
import io.athena.spi.health.PoolSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class HealthProberTest {
  private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");
  private static final HealthConfig CONFIG =
      new HealthConfig(Duration.ofSeconds(10), Duration.ofSeconds(2), List.of());

  private final Map<String, Backend> routable = new LinkedHashMap<>();
  private final ManualExecutors executors = new ManualExecutors();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AtomicLong nanos = new AtomicLong();
  private Predicate<String> frozen = HealthProber.NONE_FROZEN;

  private HealthProber prober() {
    return new HealthProber(
        () -> new LinkedHashSet<>(routable.keySet()),
        this::resolve,
        CONFIG,
        meters,
        InstantSource.fixed(NOW),
        client -> frozen.test(client),
        executors,
        nanos::get);
  }

  private Backend resolve(String client) {
    Backend backend = routable.get(client);
    if (backend == null) {
      throw new GatewayException(ErrorCode.CLIENT_NOT_FOUND, "gone");
    }
    return backend;
  }

  private void serve(HealthBackend backend) {
    backend.clients().forEach(client -> routable.put(client, backend));
  }

  private static ClientHealth client(HealthProber prober, String name) {
    return prober.cluster().clients().stream()
        .filter(c -> c.client().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no client " + name + " in " + prober.cluster()));
  }

  @Test
  void beforeTheFirstProbeFinishesEveryClientIsUnknownAndCountsAsNotOnline() {
    serve(new HealthBackend("a", "b"));
    HealthProber prober = prober().start();

    ClusterHealth cluster = prober.cluster();

    assertThat(cluster.clients())
        .extracting(ClientHealth::client, ClientHealth::status)
        .containsExactly(tuple("a", ClientStatus.UNKNOWN), tuple("b", ClientStatus.UNKNOWN));
    assertThat(cluster.status()).isEqualTo(ClusterStatus.DOWN);
    assertThat(client(prober, "a").checkedAt()).isEmpty();
  }

  @Test
  void startSchedulesRoundsEveryProbeIntervalAndAsksBackendsWithTheProbeTimeout() {
    HealthBackend backend = new HealthBackend("a");
    serve(backend);
    HealthProber prober = prober().start();

    prober.probeRound();

    assertThat(executors.scheduledEvery).isEqualTo(Duration.ofSeconds(10));
    assertThat(backend.timeoutsAsked).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void aRoundRecordsEachClientsProbeWithItsPoolAndTime() {
    HealthBackend backend =
        new HealthBackend("up", "down")
            .answer("up", ClientProbe.online(Duration.ofMillis(3)))
            .pool("up", PoolSnapshot.of(1, 2, 10, 0))
            .answer("down", ClientProbe.offline("connection refused (SQLSTATE 08001)"));
    serve(backend);
    HealthProber prober = prober().start();

    prober.probeRound();

    ClientHealth up = client(prober, "up");
    assertThat(up.status()).isEqualTo(ClientStatus.ONLINE);
    assertThat(up.latency()).hasValue(Duration.ofMillis(3));
    assertThat(up.pool()).hasValue(PoolSnapshot.of(1, 2, 10, 0));
    assertThat(up.checkedAt()).hasValue(NOW);
    assertThat(up.error()).isEmpty();
    ClientHealth down = client(prober, "down");
    assertThat(down.status()).isEqualTo(ClientStatus.OFFLINE);
    assertThat(down.error()).hasValue("connection refused (SQLSTATE 08001)");
    assertThat(prober.cluster().status()).isEqualTo(ClusterStatus.DEGRADED);
  }

  @Test
  void aClientThatComesBackIsOnlineAfterTheNextRound() {
    HealthBackend backend = new HealthBackend("a").answer("a", ClientProbe.offline("refused"));
    serve(backend);
    HealthProber prober = prober().start();
    prober.probeRound();
    assertThat(prober.cluster().status()).isEqualTo(ClusterStatus.DOWN);

    backend.answer("a", ClientProbe.online(Duration.ofMillis(1)));
    prober.probeRound();

    assertThat(prober.cluster().status()).isEqualTo(ClusterStatus.OK);
  }

  @Test
  void aProbeStillRunningAfterTheTimeoutReportsTheClientOfflineAndIsNotStartedTwice() {
    HealthBackend backend = new HealthBackend("slow");
    serve(backend);
    HealthProber prober = prober().start();
    executors.hold();

    prober.probeRound();
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    prober.probeRound();
    assertThat(client(prober, "slow").status())
        .as("within the timeout the client is not judged yet")
        .isEqualTo(ClientStatus.UNKNOWN);

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    prober.probeRound();

    ClientHealth slow = client(prober, "slow");
    assertThat(slow.status()).isEqualTo(ClientStatus.OFFLINE);
    assertThat(slow.error()).hasValue("the probe did not finish within 2000ms");
    assertThat(executors.parked).as("one probe in flight per client").hasSize(1);

    executors.release();
    assertThat(client(prober, "slow").status()).isEqualTo(ClientStatus.ONLINE);
  }

  @Test
  void aBackendThatThrowsIsOfflineWithoutItsExceptionTextOnTheRoute() {
    HealthBackend backend =
        new HealthBackend("a").failWith("a", new IllegalStateException("password=hunter2"));
    serve(backend);
    HealthProber prober = prober().start();

    prober.probeRound();

    ClientHealth a = client(prober, "a");
    assertThat(a.status()).isEqualTo(ClientStatus.OFFLINE);
    assertThat(a.error()).hasValueSatisfying(e -> assertThat(e).doesNotContain("hunter2"));
  }

  @Test
  void aBackendWithoutProbesReportsItsClientsUnknown() {
    Backend legacy =
        new Backend() {
          @Override
          public String kind() {
            return "legacy";
          }

          @Override
          public Set<String> clients() {
            return Set.of("old");
          }

          @Override
          public OperationResult execute(String client, GatewayOperation operation) {
            throw new UnsupportedOperationException();
          }
        };
    routable.put("old", legacy);
    HealthProber prober = prober().start();

    prober.probeRound();

    ClientHealth old = client(prober, "old");
    assertThat(old.status()).isEqualTo(ClientStatus.UNKNOWN);
    assertThat(old.error()).hasValue("the legacy backend does not probe its clients");
    assertThat(old.checkedAt()).hasValue(NOW);
    assertThat(prober.pools()).containsEntry("old", Optional.empty());
  }

  @Test
  void frozenClientsShowAsFrozenAndLeaveTheOverallStatusAlone() {
    serve(
        new HealthBackend("open", "cold")
            .answer("cold", ClientProbe.offline("refused"))
            .answer("open", ClientProbe.online(Duration.ofMillis(2))));
    frozen = "cold"::equals;
    HealthProber prober = prober().start();

    prober.probeRound();

    assertThat(client(prober, "cold").status()).isEqualTo(ClientStatus.FROZEN);
    assertThat(client(prober, "cold").error()).hasValue("refused");
    assertThat(prober.cluster().status()).isEqualTo(ClusterStatus.OK);
  }

  @Test
  void clientsListedAfreshEachRound() {
    HealthBackend first = new HealthBackend("a");
    serve(first);
    HealthProber prober = prober().start();
    prober.probeRound();

    HealthBackend added = new HealthBackend("b");
    serve(added);
    prober.probeRound();

    assertThat(added.timeoutsAsked).hasSize(1);
    assertThat(prober.cluster().clients())
        .extracting(ClientHealth::client)
        .containsExactly("a", "b");
  }

  @Test
  void meterValuesFollowTheLatestResultAndTheLivePool() {
    HealthBackend backend =
        new HealthBackend("a")
            .answer("a", ClientProbe.online(Duration.ofMillis(250)))
            .pool("a", PoolSnapshot.of(3, 1, 8, 2));
    serve(backend);
    HealthProber prober = prober().start();
    prober.probeRound();

    assertThat(gauge(HealthGauges.UP, "a").value()).isEqualTo(1.0);
    Gauge latency = gauge(HealthGauges.LATENCY, "a");
    assertThat(latency.value()).isEqualTo(0.25);
    assertThat(latency.getId().getBaseUnit())
        .as("base unit seconds makes Prometheus show athena_client_probe_latency_seconds")
        .isEqualTo("seconds");
    assertThat(poolGauge("a", "active").value()).isEqualTo(3.0);
    assertThat(poolGauge("a", "idle").value()).isEqualTo(1.0);
    assertThat(poolGauge("a", "max").value()).isEqualTo(8.0);

    backend.pool("a", PoolSnapshot.of(5, 0, 8, 4)).answer("a", ClientProbe.offline("refused"));
    assertThat(poolGauge("a", "active").value()).as("pool meters read live").isEqualTo(5.0);
    prober.probeRound();
    assertThat(gauge(HealthGauges.UP, "a").value()).isZero();
    assertThat(gauge(HealthGauges.LATENCY, "a").value()).isNaN();
  }

  @Test
  void aClientThatDisappearsIsForgottenWithItsMeters() {
    HealthBackend backend =
        new HealthBackend("stays", "goes").pool("goes", PoolSnapshot.of(0, 1, 2, 0));
    serve(backend);
    HealthProber prober = prober().start();
    prober.probeRound();
    assertThat(meters.find(HealthGauges.UP).tag("client", "goes").gauge()).isNotNull();

    routable.remove("goes");
    prober.probeRound();

    assertThat(prober.cluster().clients())
        .extracting(ClientHealth::client)
        .containsExactly("stays");
    assertThat(meters.find(HealthGauges.UP).tag("client", "goes").gauges()).isEmpty();
    assertThat(meters.find(HealthGauges.POOL).tag("client", "goes").gauges()).isEmpty();
    assertThat(meters.find(HealthGauges.UP).tag("client", "stays").gauge()).isNotNull();
  }

  @Test
  void aResultArrivingAfterItsClientWasRemovedIsDropped() {
    serve(new HealthBackend("a"));
    HealthProber prober = prober().start();
    executors.hold();
    prober.probeRound();

    routable.remove("a");
    executors.release();

    assertThat(prober.cluster().clients()).isEmpty();
    assertThat(meters.find(HealthGauges.UP).gauges()).isEmpty();
  }

  @Test
  void poolsListEveryClientLive() {
    serve(new HealthBackend("a", "b").pool("a", PoolSnapshot.of(1, 1, 4, 0)));
    HealthProber prober = prober();

    assertThat(prober.pools())
        .containsExactly(
            Map.entry("a", Optional.of(PoolSnapshot.of(1, 1, 4, 0))),
            Map.entry("b", Optional.empty()));
  }

  @Test
  void closeStopsTheExecutorsRemovesMetersAndIgnoresLateResults() {
    serve(new HealthBackend("a"));
    HealthProber prober = prober().start();
    prober.probeRound();
    executors.hold();
    prober.probeRound();

    prober.close();
    executors.release();

    assertThat(executors.shutDown).isTrue();
    assertThat(meters.getMeters()).isEmpty();
    assertThatThrownBy(prober::start).isInstanceOf(IllegalStateException.class);
    prober.startIfNew(); // a route after close: nothing happens
    prober.close(); // idempotent
  }

  @Test
  void startIfNewStartsOnce() {
    serve(new HealthBackend("a"));
    HealthProber prober = prober();
    prober.startIfNew();
    executors.scheduledEvery = null;

    prober.startIfNew();
    prober.start();

    assertThat(executors.scheduledEvery).as("scheduled only once").isNull();
  }

  private Gauge gauge(String name, String client) {
    Gauge gauge = meters.find(name).tag("client", client).gauge();
    assertThat(gauge).as("gauge %s{client=%s}", name, client).isNotNull();
    return gauge;
  }

  private Gauge poolGauge(String client, String state) {
    Gauge gauge = meters.find(HealthGauges.POOL).tag("client", client).tag("state", state).gauge();
    assertThat(gauge).as("pool gauge %s/%s", client, state).isNotNull();
    return gauge;
  }
}
