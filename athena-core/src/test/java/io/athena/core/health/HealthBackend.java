package io.athena.core.health;

import io.athena.spi.Backend;
import io.athena.spi.GatewayOperation;
import io.athena.spi.OperationResult;
import io.athena.spi.health.ClientProbe;
import io.athena.spi.health.PoolSnapshot;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A backend whose probe answers and pools are scripted per client: the prober's seam only. */
final class HealthBackend implements Backend {
  private final Set<String> clients;
  private final Map<String, ClientProbe> answers = new ConcurrentHashMap<>();
  private final Map<String, PoolSnapshot> pools = new ConcurrentHashMap<>();
  private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
  final List<Duration> timeoutsAsked = new CopyOnWriteArrayList<>();

  HealthBackend(String... clients) {
    this.clients = new LinkedHashSet<>(List.of(clients));
  }

  HealthBackend answer(String client, ClientProbe probe) {
    answers.put(client, probe);
    failures.remove(client);
    return this;
  }

  HealthBackend pool(String client, PoolSnapshot pool) {
    pools.put(client, pool);
    return this;
  }

  HealthBackend failWith(String client, RuntimeException failure) {
    failures.put(client, failure);
    return this;
  }

  @Override
  public String kind() {
    return "scripted";
  }

  @Override
  public Set<String> clients() {
    return clients;
  }

  @Override
  public OperationResult execute(String client, GatewayOperation operation) {
    throw new UnsupportedOperationException("health tests run no operations");
  }

  @Override
  public ClientProbe probe(String client, Duration timeout) {
    timeoutsAsked.add(timeout);
    RuntimeException failure = failures.get(client);
    if (failure != null) {
      throw failure;
    }
    return answers.getOrDefault(client, ClientProbe.online(Duration.ofMillis(1)));
  }

  @Override
  public Optional<PoolSnapshot> pool(String client) {
    return Optional.ofNullable(pools.get(client));
  }
}
