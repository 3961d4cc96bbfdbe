package io.athena.core.health;

import io.athena.core.clients.ClientRegistry;
import io.athena.core.config.HealthConfig;
import io.athena.spi.Backend;
import io.athena.spi.GatewayException;
import io.athena.spi.health.ClientProbe;
import io.athena.spi.health.PoolSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every routable client and every configured mirror in the background and keeps the latest
 * result of each, so that {@code /health/cluster} answers from memory and never waits on a
 * database.
 *
 * <p>Every {@code health.probe_interval} the scheduler thread ({@code athena-health-1}) lists the
 * clients from the {@link ClientRegistry} afresh (clients come and go at run time) and hands one
 * probe per client to a small pool ({@code athena-health-probe-N}); mirrors are probed with
 * asynchronous HTTP. A client whose previous probe is still running is not probed again; once that
 * probe has run longer than {@code health.probe_timeout} the client is reported offline, so a
 * backend that hangs cannot hide a dead database. Clients that stop being routable are forgotten,
 * and their meters removed.
 *
 * <p>Until a client's first probe finishes it is reported {@link ClientStatus#UNKNOWN}, which
 * counts as not online: the first answers after start may say degraded for a moment rather than
 * claim health nobody checked.
 */
public final class HealthProber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthProber.class);

  /** No client is frozen: the hook until a client catalog says otherwise. */
  public static final Predicate<String> NONE_FROZEN = client -> false;

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final Supplier<Set<String>> routable;
  private final Function<String, Backend> resolver;
  private final HealthConfig config;
  private final InstantSource clock;
  private final Predicate<String> frozen;
  private final LongSupplier nanoTime;
  private final Map<String, ClientHealth> results = new ConcurrentHashMap<>();
  private final Map<URI, MirrorHealth> mirrorResults = new ConcurrentHashMap<>();
  private final Map<String, Long> clientsInFlight = new ConcurrentHashMap<>();
  private final Set<URI> mirrorsInFlight = ConcurrentHashMap.newKeySet();
  private final HealthGauges gauges;
  private final ProbeExecutors executors;
  private State state = State.NEW;
  private volatile MirrorProbe mirrorProbe;

  /**
   * A prober that does nothing until {@link #start()}.
   *
   * @param frozen whether a client is frozen (shown as {@code frozen}, left out of the overall
   *     status); {@link #NONE_FROZEN} until a catalog provides it
   */
  public HealthProber(
      ClientRegistry registry,
      HealthConfig config,
      MeterRegistry meters,
      InstantSource clock,
      Predicate<String> frozen) {
    this(
        registry::names,
        registry::resolve,
        config,
        meters,
        clock,
        frozen,
        ProbeExecutors.threads(),
        System::nanoTime);
  }

  /**
   * For tests: clients listed by {@code routable} and resolved by {@code resolver} (which throws
   * {@link GatewayException} for a client gone), probes run on {@code executors}, overdue probes
   * judged by {@code nanoTime}.
   */
  HealthProber(
      Supplier<Set<String>> routable,
      Function<String, Backend> resolver,
      HealthConfig config,
      MeterRegistry meters,
      InstantSource clock,
      Predicate<String> frozen,
      ProbeExecutors executors,
      LongSupplier nanoTime) {
    this.routable = Objects.requireNonNull(routable, "routable");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.frozen = Objects.requireNonNull(frozen, "frozen");
    this.executors = Objects.requireNonNull(executors, "executors");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.gauges =
        new HealthGauges(
            Objects.requireNonNull(meters, "meters"),
            client -> Optional.ofNullable(results.get(client)),
            this::livePool);
  }

  /**
   * Starts probing: the first round at once, then one every {@code health.probe_interval}.
   * Idempotent.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized HealthProber start() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("The health prober is closed");
    }
    if (state == State.NEW) {
      state = State.RUNNING;
      if (!config.mirrors().isEmpty()) {
        mirrorProbe = new MirrorProbe(config.probeTimeout(), executors.probes(), clock);
      }
      executors.schedule(this::probeRound, config.probeInterval());
      LOG.info(
          "health prober started: every {} ms, timeout {} ms, {} mirrors",
          config.probeInterval().toMillis(),
          config.probeTimeout().toMillis(),
          config.mirrors().size());
    }
    return this;
  }

  /** Starts unless running or closed: for routes of hosts that never called {@link #start()}. */
  public synchronized void startIfNew() {
    if (state == State.NEW) {
      start();
    }
  }

  /** The latest results of every routable client and every mirror, from memory. */
  public ClusterHealth cluster() {
    List<ClientHealth> clients =
        routable.get().stream()
            .map(name -> shown(name, results.getOrDefault(name, ClientHealth.notYetProbed(name))))
            .toList();
    List<MirrorHealth> mirrors =
        config.mirrors().stream()
            .map(url -> mirrorResults.getOrDefault(url, MirrorHealth.notYetProbed(url)))
            .toList();
    return ClusterHealth.of(clients, mirrors);
  }

  /** Every routable client's pool right now (memory only; empty where a backend cannot tell). */
  public Map<String, Optional<PoolSnapshot>> pools() {
    Map<String, Optional<PoolSnapshot>> pools = new LinkedHashMap<>();
    routable.get().forEach(name -> pools.put(name, livePool(name)));
    return pools;
  }

  /** One round: a probe for every routable client and every mirror not already being probed. */
  void probeRound() {
    try {
      Set<String> clients = Set.copyOf(routable.get());
      results.keySet().retainAll(clients);
      gauges.retain(clients);
      clients.forEach(this::probeClient);
      config.mirrors().forEach(this::probeMirror);
    } catch (RuntimeException e) {
      // the scheduler would silently cancel the task on an escaping exception
      LOG.warn("a health probe round failed; the next round runs as planned", e);
    }
  }

  private void probeClient(String client) {
    Long startedAt = clientsInFlight.putIfAbsent(client, nanoTime.getAsLong());
    if (startedAt != null) {
      reportIfOverdue(client, startedAt);
      return;
    }
    Optional<Backend> backend = backend(client);
    if (backend.isEmpty()) {
      clientsInFlight.remove(client);
      return;
    }
    try {
      executors.probes().execute(() -> runProbe(client, backend.get()));
    } catch (RejectedExecutionException closing) {
      clientsInFlight.remove(client);
    }
  }

  private void runProbe(String client, Backend backend) {
    try {
      ClientProbe probe = probe(client, backend);
      record(ClientHealth.probed(client, probe, safePool(client, backend), clock.instant()));
    } finally {
      clientsInFlight.remove(client);
    }
  }

  private ClientProbe probe(String client, Backend backend) {
    try {
      return Objects.requireNonNull(backend.probe(client, config.probeTimeout()), "probe result");
    } catch (RuntimeException e) {
      // a backend's exception text may hold anything: keep it in the log, not on a public route
      LOG.warn("health probe of client '{}' threw instead of answering", client, e);
      return ClientProbe.offline("the probe failed unexpectedly (see the server log)");
    }
  }

  private void reportIfOverdue(String client, long startedAt) {
    Duration running = Duration.ofNanos(nanoTime.getAsLong() - startedAt);
    if (running.compareTo(config.probeTimeout()) > 0) {
      record(
          ClientHealth.probed(
              client,
              ClientProbe.offline(
                  "the probe did not finish within " + config.probeTimeout().toMillis() + "ms"),
              livePool(client),
              clock.instant()));
    }
  }

  private void probeMirror(URI mirror) {
    if (mirrorProbe == null || !mirrorsInFlight.add(mirror)) {
      return;
    }
    try {
      mirrorProbe
          .probe(mirror)
          .whenComplete(
              (health, failure) -> {
                mirrorsInFlight.remove(mirror);
                if (health != null && isRunning()) {
                  mirrorResults.put(mirror, health);
                }
              });
    } catch (RuntimeException e) {
      mirrorsInFlight.remove(mirror);
      throw e;
    }
  }

  /** Keeps a result unless its client stopped being routable meanwhile; logs changes once. */
  private void record(ClientHealth health) {
    String client = health.client();
    if (!isRunning() || !routable.get().contains(client)) {
      return;
    }
    ClientHealth previous = results.put(client, health);
    gauges.ensure(client, health.pool().isPresent());
    boolean wasOnline = previous == null || previous.online();
    if (wasOnline && !health.online()) {
      LOG.warn(
          "client '{}' is {}: {}",
          client,
          health.status().wireName(),
          health.error().orElse("no reason given"));
    } else if (!wasOnline && health.online()) {
      LOG.info("client '{}' is online again", client);
    }
  }

  private ClientHealth shown(String client, ClientHealth latest) {
    return isFrozen(client) ? latest.frozen() : latest;
  }

  private boolean isFrozen(String client) {
    try {
      return frozen.test(client);
    } catch (RuntimeException e) {
      LOG.debug("the frozen check of client '{}' failed; shown as not frozen", client, e);
      return false;
    }
  }

  private Optional<Backend> backend(String client) {
    try {
      return Optional.of(resolver.apply(client));
    } catch (GatewayException gone) {
      return Optional.empty(); // removed between listing and resolving
    }
  }

  private Optional<PoolSnapshot> livePool(String client) {
    return backend(client).flatMap(backend -> safePool(client, backend));
  }

  private static Optional<PoolSnapshot> safePool(String client, Backend backend) {
    try {
      return Objects.requireNonNullElse(backend.pool(client), Optional.empty());
    } catch (RuntimeException e) {
      LOG.debug("reading the pool of client '{}' failed", client, e);
      return Optional.empty();
    }
  }

  private synchronized boolean isRunning() {
    return state == State.RUNNING;
  }

  /** Stops probing and removes the meters. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
    }
    executors.shutdown();
    gauges.close();
  }
}
