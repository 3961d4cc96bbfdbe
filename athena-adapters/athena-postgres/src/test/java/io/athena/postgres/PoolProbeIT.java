package io.athena.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.Secret;
import io.athena.core.config.ServerConfig;
import io.athena.spi.health.ClientProbe;
import io.athena.spi.health.PoolSnapshot;
import io.athena.spi.health.ProbeStatus;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PostgresBackend#probe} and {@link PostgresBackend#pool} against real servers. */
class PoolProbeIT {

  private static PostgresBackend backend(String client, String uri, Duration connectionTimeout) {
    PostgresClientConfig config =
        new PostgresClientConfig(
            client, Secret.of(uri), 3, connectionTimeout, Duration.ofSeconds(5));
    return PostgresBackend.from(
        new AthenaConfig(
            ServerConfig.defaults(), GatewayConfig.defaults(), Map.of(client, config)));
  }

  @Test
  void aLiveDatabaseIsOnlineWithALatencyAndItsPoolCounters() {
    String uri = EmbeddedPostgresFixture.shared().createDatabase("pool_probe_it");
    try (PostgresBackend backend = backend("live", uri, Duration.ofSeconds(5))) {
      ClientProbe probe = backend.probe("live", Duration.ofSeconds(2));

      assertThat(probe.status()).as(probe.toString()).isEqualTo(ProbeStatus.ONLINE);
      assertThat(probe.latency()).hasValueSatisfying(l -> assertThat(l).isPositive());
      assertThat(probe.error()).isEmpty();
      PoolSnapshot pool = backend.pool("live").orElseThrow();
      assertThat(pool.max()).isEqualTo(3);
      assertThat(pool.active()).as("the probe gave its connection back").isZero();
      assertThat(pool.idle()).isPositive();
      assertThat(pool.pending()).hasValue(0);
    }
  }

  @Test
  void aStoppedDatabaseIsOfflineAfterTheProbesOwnShortWaitNotThePoolsLongTimeout() {
    try (EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.newInstance()) {
      String uri = pg.createDatabase("gone");
      pg.stop();
      // the pool would wait 30 s for a connection; the probe waits half of its 400 ms
      try (PostgresBackend backend = backend("gone", uri, Duration.ofSeconds(30))) {
        ClientProbe probe = backend.probe("gone", Duration.ofMillis(400));

        assertThat(probe.status()).isEqualTo(ProbeStatus.OFFLINE);
        assertThat(probe.latency()).isEmpty();
        assertThat(probe.error())
            .hasValueSatisfying(
                error ->
                    assertThat(error)
                        .startsWith("no connection within 200ms")
                        .doesNotContain("postgres://")
                        .doesNotContain("localhost"));
      }
    }
  }

  @Test
  void aPoolWhoseConnectionsAreAllLentOutIsBusyNotOffline() throws Exception {
    EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();
    pg.createDatabase("pool_probe_it");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(pg.jdbcUrl("pool_probe_it"));
    config.setMaximumPoolSize(2);
    config.setPoolName("athena-probe-saturated");
    try (HikariDataSource pool = new HikariDataSource(config);
        PostgresBackend backend = PostgresBackend.builder().client("busy", pool).build()) {
      List<Connection> held = new ArrayList<>();
      try {
        held.add(pool.getConnection());
        held.add(pool.getConnection());

        ClientProbe probe = backend.probe("busy", Duration.ofMillis(200));

        assertThat(probe.status()).as(probe.toString()).isEqualTo(ProbeStatus.ONLINE);
        assertThat(probe.latency()).isEmpty();
        assertThat(probe.error())
            .hasValue("pool saturated: no free connection within 100ms (active 2 of 2, 0 waiting)");
        assertThat(backend.pool("busy")).hasValue(PoolSnapshot.of(2, 0, 2, 0));
      } finally {
        for (Connection c : held) {
          c.close();
        }
      }
      assertThat(backend.probe("busy", Duration.ofSeconds(2)).status())
          .isEqualTo(ProbeStatus.ONLINE);
    }
  }

  @Test
  void anUnknownClientOrAClosedBackendIsOfflineNotAnException() {
    String uri = EmbeddedPostgresFixture.shared().createDatabase("pool_probe_it");
    PostgresBackend backend = backend("live", uri, Duration.ofSeconds(5));
    assertThat(backend.probe("other", Duration.ofSeconds(1)).status())
        .isEqualTo(ProbeStatus.OFFLINE);
    assertThat(backend.pool("other")).isEmpty();

    backend.close();

    assertThat(backend.probe("live", Duration.ofSeconds(1)).status())
        .isEqualTo(ProbeStatus.OFFLINE);
    assertThat(backend.pool("live")).isEmpty();
  }
}
