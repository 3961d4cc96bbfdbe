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
import io.athena.core.daemon.AthenaDaemon;
import io.athena.core.daemon.DaemonRole;
import io.athena.core.daemon.FamilyOwnership;
import io.athena.core.gateway.DeferredRequests;
import io.athena.core.gateway.GatewayRoutes;
import io.athena.core.jobs.InMemoryDaemonRegistry;
import io.athena.core.jobs.InMemoryJobStore;
import io.athena.core.jobs.JobAdminRoutes;
import io.athena.core.jobs.Jobs;
import io.athena.core.limits.GuardedLimits;
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
import io.athena.spi.limits.SharedLimits;
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
  private final SharedLimits sharedLimits;
  private final SharedTier sharedTier;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Athena(Builder builder) {
    this.config = builder.config;
    this.backends = List.copyOf(builder.backends);
    this.clients = new ClientRegistry(backends);
    List<Route> routes = new ArrayList<>();
    routes.addAll(new SystemRoutes(this::routes).routes());
    this.meterRegistry = builder.meterRegistry;
    this.sharedTier = builder.sharedTier;
    this.sharedLimits = builder.sharedLimits;
    GuardedLimits guardedLimits = builder.guardedLimits(meterRegistry);
    this.security =
        GatewaySecurity.of(config.security(), builder.keyStore, builder.clock, guardedLimits);
    this.jobs = new Jobs(builder.jobStore(), meterRegistry);
    this.daemonRegistry = builder.daemonRegistry();
    this.admission =
        new AdmissionController(config.admission(), meterRegistry, guardedLimits, builder.clock);
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
   * provider that recognises clients in the config contributes one backend. When {@code
   * cache.redis.address} is set, a {@link SharedTierProvider} (such as {@code athena-redis}'s)
   * supplies the shared cache tier and shared limits.
   *
   * @throws AthenaException when the config names clients, or a Redis, but no provider serves them
   */
  public static Athena fromConfig(AthenaConfig config) {
    Builder builder = builder().config(config);
    sharedTierFor(config).ifPresent(builder::sharedTier);
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
    return builder.build();
  }

  private static Optional<SharedTier> sharedTierFor(AthenaConfig config) {
    if (!config.cache().redis().configured()) {
      return Optional.empty();
    }
    for (SharedTierProvider provider : ServiceLoader.load(SharedTierProvider.class)) {
      Optional<SharedTier> tier = provider.create(config);
      if (tier.isPresent()) {
        LOG.info(
            "shared tier '{}' at {}", provider.name(), config.cache().redis().describeAddress());
        return tier;
      }
    }
    throw new AthenaException(
        "cache.redis.address is set but no shared tier provider is on the classpath; add"
            + " io.athena:athena-redis");
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

  /**
   * Starts what runs in the background: the daemon, if this process has one, and the read cache's
   * lease in a shared tier (which the first request starts too). Idempotent.
   */
  public Athena start() {
    cache.start();
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
    admission.close();
    cache.close(); // gives the cache lease up while the shared tier is still open
    closeQuietly("shared limits", sharedLimits);
    closeQuietly("shared tier", sharedTier);
    for (Backend backend : backends) {
      try {
        backend.close();
      } catch (RuntimeException e) {
        LOG.warn("closing backend '{}' failed", backend.kind(), e);
      }
    }
  }

  private static void closeQuietly(String what, AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("closing the {} failed", what, e);
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
    private SharedLimits sharedLimits;
    private SharedTier sharedTier;

    private Builder() {}

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

    /**
     * Where rate and admission limits are counted across nodes when {@code
     * security.rate_limit_shared} or {@code admission.shared} is on (such as {@code
     * io.athena.redis.RedisSharedLimits}). {@link Athena#close()} closes it.
     */
    public Builder sharedLimits(SharedLimits sharedLimits) {
      this.sharedLimits = Objects.requireNonNull(sharedLimits, "sharedLimits");
      return this;
    }

    /**
     * The shared cache tier and the shared limits over one connection (such as {@code
     * io.athena.redis.RedisSharedTier}); {@link Athena#close()} closes it.
     */
    public Builder sharedTier(SharedTier sharedTier) {
      this.sharedTier = Objects.requireNonNull(sharedTier, "sharedTier");
      this.sharedCache = sharedTier.cache();
      this.sharedLimits = sharedTier.limits();
      return this;
    }

    private GuardedLimits guardedLimits(MeterRegistry meters) {
      if (sharedLimits == null) {
        return null;
      }
      return new GuardedLimits(
          sharedLimits,
          config.cache().sharedFailureThreshold(),
          config.cache().sharedRetryAfter(),
          clock,
          meters);
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
