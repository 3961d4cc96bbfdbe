package io.athena.core.health;

import io.athena.spi.health.PoolSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The per-client meters: {@code athena_client_up{client}}, {@code
 * athena_client_probe_latency_seconds{client}} and {@code athena_pool_connections{client,state}}.
 * They read the prober's latest results (and the pool's live counters) when scraped. A client's
 * meters appear with its first result and are removed when it stops being routable, so a removed
 * client leaves no stale series behind.
 */
final class HealthGauges {
  static final String UP = "athena.client.up";

  /** Base unit seconds: Prometheus shows {@code athena_client_probe_latency_seconds}. */
  static final String LATENCY = "athena.client.probe.latency";

  static final String POOL = "athena.pool.connections";

  private final MeterRegistry registry;
  private final Function<String, Optional<ClientHealth>> latest;
  private final Function<String, Optional<PoolSnapshot>> livePool;
  private final Map<String, ClientMeters> clients = new ConcurrentHashMap<>();

  /**
   * @param latest the latest stored result of a client
   * @param livePool a client's pool counters now (memory only)
   */
  HealthGauges(
      MeterRegistry registry,
      Function<String, Optional<ClientHealth>> latest,
      Function<String, Optional<PoolSnapshot>> livePool) {
    this.registry = registry;
    this.latest = latest;
    this.livePool = livePool;
  }

  /** Makes sure {@code client}'s meters exist; pool meters once it is known to have a pool. */
  void ensure(String client, boolean hasPool) {
    ClientMeters meters = clients.computeIfAbsent(client, this::register);
    if (hasPool) {
      meters.addPoolMeters(this, client);
    }
  }

  /** Removes the meters of every client not in {@code routable}. */
  void retain(Set<String> routable) {
    for (String client : Set.copyOf(clients.keySet())) {
      if (!routable.contains(client)) {
        ClientMeters removed = clients.remove(client);
        if (removed != null) {
          removed.removeFrom(registry);
        }
      }
    }
  }

  /** Removes every meter of this prober. */
  void close() {
    retain(Set.of());
  }

  private ClientMeters register(String client) {
    ClientMeters meters = new ClientMeters();
    meters.add(
        Gauge.builder(
                UP, () -> latest.apply(client).filter(ClientHealth::online).isPresent() ? 1 : 0)
            .tag("client", client)
            .description("1 when the latest health probe of the client's database answered")
            .register(registry));
    meters.add(
        Gauge.builder(LATENCY, () -> latencySeconds(client))
            .tag("client", client)
            .baseUnit("seconds")
            .description("Round trip of the latest answered health probe (NaN when it failed)")
            .register(registry));
    return meters;
  }

  private double latencySeconds(String client) {
    return latest
        .apply(client)
        .flatMap(ClientHealth::latency)
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  private Gauge poolGauge(String client, String state, ToIntFunction<PoolSnapshot> value) {
    return Gauge.builder(
            POOL,
            () -> livePool.apply(client).map(p -> (double) value.applyAsInt(p)).orElse(Double.NaN))
        .tag("client", client)
        .tag("state", state)
        .description("Connections of the client's pool: active, idle, and the maximum")
        .register(registry);
  }

  /** The meters of one client. */
  private static final class ClientMeters {
    private final List<Meter> meters = new ArrayList<>();
    private boolean poolMeters;

    synchronized void add(Meter meter) {
      meters.add(meter);
    }

    synchronized void addPoolMeters(HealthGauges gauges, String client) {
      if (poolMeters) {
        return;
      }
      poolMeters = true;
      meters.add(gauges.poolGauge(client, "active", PoolSnapshot::active));
      meters.add(gauges.poolGauge(client, "idle", PoolSnapshot::idle));
      meters.add(gauges.poolGauge(client, "max", PoolSnapshot::max));
    }

    synchronized void removeFrom(MeterRegistry registry) {
      meters.forEach(registry::remove);
      meters.clear();
    }
  }
}
