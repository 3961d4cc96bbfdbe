package io.athena.core;

import io.athena.core.admission.AdmissionController;
import io.athena.core.auth.ApiKeyRoutes;
import io.athena.core.auth.GatewaySecurity;
import io.athena.core.auth.InMemoryKeyStore;
import io.athena.core.cache.LocalCacheStore;
import io.athena.core.cache.ReadCache;
import io.athena.core.clients.ClientRegistry;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.DaemonConfig;
import io.athena.core.controlplane.AuditMetrics;
import io.athena.core.controlplane.ControlPlane;
import io.athena.core.controlplane.ControlPlanes;
import io.athena.core.controlplane.StatisticsRoutes;
import io.athena.core.daemon.AthenaDaemon;
import io.athena.core.daemon.DaemonRole;
import io.athena.core.daemon.FamilyOwnership;
import io.athena.core.gateway.DeferredRequests;
import io.athena.core.gateway.GatewayRoutes;
import io.athena.core.jobs.InMemoryDaemonRegistry;
import io.athena.core.jobs.InMemoryJobStore;
import io.athena.core.jobs.JobAdminRoutes;
import io.athena.core.jobs.Jobs;
import io.athena.core.router.AdminGuard;
import io.athena.core.router.Route;
import io.athena.core.router.Router;
import io.athena.core.system.SystemRoutes;
import io.athena.spi.AthenaException;
import io.athena.spi.Backend;
import io.athena.spi.auth.KeyStore;
import io.athena.spi.cache.CacheStore;
import io.athena.spi.jobs.DaemonRegistry;
import io.athena.spi.jobs.JobHandler;
import io.athena.spi.jobs.JobStore;
import io.athena.spi.telemetry.AuditSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Athena: configuration, backends and the router that serves them.
 *
 * <pre>{@code
 * Athena athena = Athena.builder()
 *     .config(config)
 *     .backend(PostgresBackend.from(config))
 *     .build();
 * servletContext.addServlet("athena", new AthenaServlet(athena.router()));
 * }</pre>
 */
public final class Athena implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Athena.class);

  private final AthenaConfig config;
  private final List<Backend> backends;
  private final ClientRegistry clients;
  private final Router router;
  private final Jobs jobs;
  private final DaemonRegistry daemonRegistry;
  private final MeterRegistry meterRegistry;
  private final AthenaDaemon daemon;
  private final GatewaySecurity security;
  private final AdmissionController admission;
  private final ReadCache cache;
  private final ControlPlane controlPlane;
  private final AuditSink auditSink;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Athena(Builder builder) {
    this.config = builder.config;
    this.backends = List.copyOf(builder.backends);
    this.clients = new ClientRegistry(backends);
    List<Route> routes = new ArrayList<>();
    routes.addAll(new SystemRoutes(this::routes).routes());
    this.security = GatewaySecurity.of(config.security(), builder.keyStore, builder.clock);
    this.meterRegistry = builder.meterRegistry;
    this.controlPlane = builder.controlPlane;
    this.auditSink = builder.auditSink();
    AuditMetrics.bind(auditSink, meterRegistry);
    if (controlPlane != null) {
      routes.addAll(
          new StatisticsRoutes(controlPlane.statistics(), name -> clients.names().contains(name))
              .routes());
    }
    this.jobs = new Jobs(builder.jobStore(), meterRegistry);
    this.daemonRegistry = builder.daemonRegistry();
    this.admission = new AdmissionController(config.admission(), meterRegistry);
    DeferredRequests deferred =
        new DeferredRequests(
            jobs, config.admission().deferredResultTtl(), builder.clock, this::startForDeferred);
    this.cache = builder.readCache(meterRegistry);
    GatewayRoutes gateway =
        new GatewayRoutes(clients, config.gateway(), security, admission, deferred, cache);
    routes.addAll(gateway.routes());
    routes.addAll(new ApiKeyRoutes(security).routes());
    this.daemon = builder.daemon(jobs, daemonRegistry, gateway.deferredHandler());
    routes.addAll(
        new JobAdminRoutes(jobs, daemonRegistry, builder.clock, livenessWindow(daemon)).routes());
    this.router =
        new Router(
            routes, new AdminGuard(config.gateway().adminKey()), config.server().maxBodyBytes());
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an Athena whose backends are found through {@link BackendProvider} services: every
   * provider that recognises clients in the config contributes one backend.
   *
   * @throws AthenaException when the config names clients but no provider serves them
   */
  public static Athena fromConfig(AthenaConfig config) {
    Builder builder = builder().config(config);
    for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
      provider
          .create(config)
          .ifPresent(
              backend -> {
                LOG.info("backend '{}' serves clients {}", provider.name(), backend.clients());
                builder.backend(backend);
              });
    }
    if (!config.postgresClients().isEmpty() && builder.backends.isEmpty()) {
      throw new AthenaException(
          "postgres_clients are configured but no backend provider is on the classpath; add"
              + " io.athena:athena-postgres");
    }
    ControlPlanes.fromConfig(config).ifPresent(builder::controlPlane);
    return builder.build();
  }

  public AthenaConfig config() {
    return config;
  }

  public ClientRegistry clients() {
    return clients;
  }

  /** The router to mount in a hosting adapter. */
  public Router router() {
    return router;
  }

  /** API keys, rights and limits: the key store, the enforcement switch. */
  public GatewaySecurity security() {
    return security;
  }

  /** The job queue: submit, inspect, cancel and retry jobs. */
  public Jobs jobs() {
    return jobs;
  }

  /** Which daemons exist and when each last heartbeated. */
  public DaemonRegistry daemonRegistry() {
    return daemonRegistry;
  }

  /** Where Athena's meters go (a private {@code SimpleMeterRegistry} unless the host gave one). */
  public MeterRegistry meterRegistry() {
    return meterRegistry;
  }

  /** Concurrency limits of gateway requests and their decisions. */
  public AdmissionController admission() {
    return admission;
  }

  /**
   * Where every gateway request is recorded: the control plane's sink, the host's own, or one that
   * discards everything when there is neither. Never null; {@code record} never blocks.
   */
  public AuditSink auditSink() {
    return auditSink;
  }

  /** The control plane (audit log, statistics, client catalog), when one is configured. */
  public Optional<ControlPlane> controlPlane() {
    return Optional.ofNullable(controlPlane);
  }

  /** The read cache of fetches (config {@code cache.*}). */
  public ReadCache cache() {
    return cache;
  }

  /**
   * This process's daemon: the one asked for with {@link Builder#daemon}, else one of the
   * configured {@code daemon.role}; empty when its role leaves it no family to run (an api process
   * with {@code daemon.enabled: true}). {@link #start()} starts it.
   */
  public Optional<AthenaDaemon> daemon() {
    return Optional.ofNullable(daemon);
  }

  /** Starts what runs in the background: the daemon, if this process has one. Idempotent. */
  public Athena start() {
    if (daemon != null) {
      daemon.start();
    }
    return this;
  }

  /**
   * A deferral needs a runner: a host that never called {@link #start()} still gets its deferred
   * requests run, by this process's daemon when it owns the family (otherwise another process
   * does).
   */
  private void startForDeferred() {
    if (daemon == null
        || closed.get()
        || !daemon.families().contains(FamilyOwnership.DEFERRED)
        || !"new".equals(daemon.status())) {
      return;
    }
    try {
      daemon.start();
    } catch (IllegalStateException closedMeanwhile) {
      LOG.debug("the daemon closed while a request was deferred; it stays queued");
    }
  }

  /** The admin routes call a daemon live while it heartbeated within three intervals. */
  private static Duration livenessWindow(AthenaDaemon daemon) {
    return daemon == null
        ? JobAdminRoutes.DEFAULT_LIVENESS_WINDOW
        : daemon.heartbeatInterval().multipliedBy(AthenaDaemon.LIVENESS_HEARTBEATS);
  }

  private List<Route> routes() {
    return router.routes();
  }

  /** Closes every backend (and so its pools). Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (daemon != null) {
      daemon.close(); // drains first: running jobs may still need the backends
    }
    security.close();
    cache.close();
    auditSink.close(); // flushes within its bound
    if (controlPlane != null) {
      controlPlane.close();
    }
    for (Backend backend : backends) {
      try {
        backend.close();
      } catch (RuntimeException e) {
        LOG.warn("closing backend '{}' failed", backend.kind(), e);
      }
    }
  }

  /** Wires an Athena; {@link #build()} has no side effects. */
  public static final class Builder {
    private AthenaConfig config = AthenaConfig.defaults();
    private final List<Backend> backends = new ArrayList<>();
    private JobStore jobStore;
    private DaemonRegistry daemonRegistry;
    private MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private InstantSource clock = InstantSource.system();
    private DaemonRole daemonRole;
    private final List<JobHandler> jobHandlers = new ArrayList<>();
    private KeyStore keyStore = new InMemoryKeyStore();
    private CacheStore cacheStore;
    private CacheStore sharedCache;
    private ControlPlane controlPlane;
    private AuditSink auditSink;

    private Builder() {}

    /**
     * The control plane: its audit sink records every gateway request (unless {@link #auditSink}
     * names another) and its statistics are served under {@code /admin/clients/.../statistics}.
     * None unless set ({@code Athena.fromConfig} sets one for {@code gateway.logging_client}).
     * {@link Athena#close()} closes it.
     */
    public Builder controlPlane(ControlPlane controlPlane) {
      this.controlPlane = Objects.requireNonNull(controlPlane, "controlPlane");
      return this;
    }

    /**
     * Where gateway requests are recorded, instead of the control plane's sink; {@link
     * Athena#close()} closes it.
     */
    public Builder auditSink(AuditSink auditSink) {
      this.auditSink = Objects.requireNonNull(auditSink, "auditSink");
      return this;
    }

    private AuditSink auditSink() {
      if (auditSink != null) {
        return auditSink;
      }
      return controlPlane != null ? controlPlane.auditSink() : event -> {};
    }

    /**
     * The local tier of the read cache; a Caffeine cache of {@code cache.max_entries} unless set.
     * {@link Athena#close()} closes it.
     */
    public Builder cacheStore(CacheStore cacheStore) {
      this.cacheStore = Objects.requireNonNull(cacheStore, "cacheStore");
      return this;
    }

    /**
     * The shared tier of the read cache (such as {@code io.athena.redis.RedisCacheStore}): looked
     * up after a local miss, written through, and where the generations live that make a write on
     * one node invalidate every node's cached reads. None unless set: then run one node only, or
     * leave the cache off. {@link Athena#close()} closes it.
     */
    public Builder sharedCache(CacheStore sharedCache) {
      this.sharedCache = Objects.requireNonNull(sharedCache, "sharedCache");
      return this;
    }

    private ReadCache readCache(MeterRegistry meters) {
      CacheStore local =
          cacheStore != null ? cacheStore : new LocalCacheStore(config.cache().maxEntries());
      return new ReadCache(config.cache(), local, sharedCache, clock, meters);
    }

    /** Where API keys live; an in-memory store (lost on restart) unless set. */
    public Builder keyStore(KeyStore keyStore) {
      this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
      return this;
    }

    public Builder config(AthenaConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Adds a backend; its clients become routable. */
    public Builder backend(Backend backend) {
      backends.add(Objects.requireNonNull(backend, "backend"));
      return this;
    }

    /** Where jobs live; an in-memory store (lost on restart, this JVM only) unless set. */
    public Builder jobStore(JobStore jobStore) {
      this.jobStore = Objects.requireNonNull(jobStore, "jobStore");
      return this;
    }

    /** Where daemons heartbeat; an in-memory registry unless set. */
    public Builder daemonRegistry(DaemonRegistry daemonRegistry) {
      this.daemonRegistry = Objects.requireNonNull(daemonRegistry, "daemonRegistry");
      return this;
    }

    /** Where meters go; a private {@code SimpleMeterRegistry} unless set. */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /**
     * The one time source of everything Athena computes from time: key expiry, rate limits, request
     * deadlines, leases, run-at and heartbeats of the default job store, daemon and registry. The
     * system clock unless set; tests pass a settable clock instead of sleeping.
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs a daemon of {@code role} with these handlers in this process (default settings; build an
     * {@link AthenaDaemon} yourself for more). {@link Athena#start()} starts it, {@link
     * Athena#close()} drains it.
     */
    public Builder daemon(DaemonRole role, JobHandler... handlers) {
      this.daemonRole = Objects.requireNonNull(role, "role");
      this.jobHandlers.addAll(List.of(handlers));
      return this;
    }

    private JobStore jobStore() {
      return jobStore != null ? jobStore : new InMemoryJobStore(clock);
    }

    private DaemonRegistry daemonRegistry() {
      return daemonRegistry != null ? daemonRegistry : new InMemoryDaemonRegistry(clock);
    }

    /**
     * The daemon of this process: the host's handlers plus Athena's own {@code deferred} handler
     * (unless the host brought one), settings from {@code daemon.*}; null when the role leaves no
     * family to run.
     */
    private AthenaDaemon daemon(Jobs jobs, DaemonRegistry registry, JobHandler deferred) {
      DaemonConfig settings = config.daemon();
      AthenaDaemon.Builder builder =
          AthenaDaemon.builder()
              .jobs(jobs)
              .registry(registry)
              .role(daemonRole != null ? daemonRole : settings.role())
              .daemonEnabled(settings.enabled())
              .handlers(jobHandlers.toArray(JobHandler[]::new))
              .leaseDuration(settings.lease())
              .pollInterval(settings.pollInterval())
              .drainTimeout(settings.drainTimeout())
              .claimBatchSize(settings.claimBatchSize())
              .clock(clock)
              .meterRegistry(meterRegistry);
      if (jobHandlers.stream().noneMatch(h -> h.family().equals(deferred.family()))) {
        builder.handler(deferred);
      }
      settings.daemonId().ifPresent(builder::daemonId);
      if (!settings.heartbeatInterval().isZero()) {
        builder.heartbeatInterval(settings.heartbeatInterval());
      }
      // daemon.concurrency may name families another process registers: only ours apply here
      Set<String> ours = new HashSet<>(Set.of(deferred.family()));
      jobHandlers.forEach(h -> ours.add(h.family()));
      settings.concurrency().entrySet().stream()
          .filter(e -> ours.contains(e.getKey()))
          .forEach(e -> builder.concurrency(e.getKey(), e.getValue()));
      AthenaDaemon built = builder.build();
      return built.families().isEmpty() ? null : built;
    }

    public Athena build() {
      return new Athena(this);
    }
  }
}
