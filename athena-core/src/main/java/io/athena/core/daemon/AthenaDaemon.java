package io.athena.core.daemon;

import io.athena.core.jobs.InMemoryDaemonRegistry;
import io.athena.core.jobs.Jobs;
import io.athena.core.telemetry.DaemonTraceEvent;
import io.athena.core.telemetry.Traces;
import io.athena.spi.jobs.DaemonRegistry;
import io.athena.spi.jobs.JobHandler;
import io.athena.spi.jobs.JobStore;
import io.athena.spi.telemetry.TraceSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker daemon: claims jobs of the families it owns, runs each attempt through the family's
 * {@link JobHandler}, renews leases while attempts run, retries failures with backoff, returns
 * lapsed leases to the queue, and drains on {@link #close()}.
 *
 * <pre>{@code
 * AthenaDaemon daemon = AthenaDaemon.builder()
 *     .jobs(athena.jobs())                    // store + instant wake-up on submit
 *     .role(DaemonRole.DAEMON)
 *     .handler(new EmailHandler())
 *     .concurrency("email", 8)
 *     .build()
 *     .start();
 * // on shutdown:
 * daemon.close();                             // drains for up to 30 s
 * }</pre>
 *
 * <p>{@link Builder#build()} has no side effects; {@link #start()} and {@link #close()} are
 * explicit and idempotent. A closed daemon cannot be started again: build a new one.
 */
public final class AthenaDaemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AthenaDaemon.class);

  public static final int DEFAULT_CONCURRENCY = 4;
  public static final int DEFAULT_CLAIM_BATCH_SIZE = 32;
  public static final int DEFAULT_CLAIM_AHEAD_FACTOR = 2; // × each family's concurrency
  public static final int DEFAULT_COMPLETION_BATCH_SIZE = 100;
  public static final Duration DEFAULT_COMPLETION_FLUSH_DELAY = Duration.ofMillis(2);
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  /** Liveness: a daemon is live while its last heartbeat is within this many intervals. */
  public static final int LIVENESS_HEARTBEATS = 3;

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final DaemonSettings settings;
  private State state = State.NEW;
  private DaemonRuntime runtime;

  private AthenaDaemon(DaemonSettings settings) {
    this.settings = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String id() {
    return settings.daemonId();
  }

  public DaemonRole role() {
    return settings.role();
  }

  /** The families this daemon runs (its role's share of the registered handlers). */
  public Set<String> families() {
    return settings.families();
  }

  public Duration lease() {
    return settings.lease();
  }

  public Duration heartbeatInterval() {
    return settings.heartbeatInterval();
  }

  /** {@code new}, {@code running}, {@code draining} or {@code stopped}. */
  public synchronized String status() {
    return switch (state) {
      case NEW -> "new";
      case RUNNING -> runtime.status();
      case CLOSED -> runtime == null ? "stopped" : runtime.status();
    };
  }

  /** Attempts running right now. */
  public synchronized int runningAttempts() {
    return runtime == null ? 0 : runtime.runningAttempts();
  }

  /**
   * Registers the daemon and starts its loops. Idempotent while running.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized AthenaDaemon start() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("daemon " + id() + " was closed; build a new one");
    }
    if (state == State.RUNNING) {
      return this;
    }
    runtime = new DaemonRuntime(settings);
    runtime.start();
    state = State.RUNNING;
    trace("started", 0);
    return this;
  }

  /**
   * Drains and stops: no new claims; running attempts get up to the drain timeout to finish; what
   * still runs then is interrupted and its result dropped, and its lease left to lapse so that any
   * daemon's reaper returns the job to the queue. Idempotent.
   */
  @Override
  public void close() {
    DaemonRuntime running;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      running = state == State.RUNNING ? runtime : null;
      state = State.CLOSED;
    }
    if (running != null) {
      int abandoned = running.close();
      trace("stopped", abandoned);
      LOG.info(
          "daemon {} stopped{}",
          id(),
          abandoned == 0
              ? ""
              : "; " + abandoned + " attempts did not finish and are left to lapse");
    }
  }

  private void trace(String action, int abandoned) {
    DaemonTraceEvent event =
        new DaemonTraceEvent(
            settings.clock().instant(),
            id(),
            settings.role().name().toLowerCase(java.util.Locale.ROOT),
            List.copyOf(new TreeSet<>(families())),
            action,
            abandoned);
    Traces.write(settings.traceSinks(), event);
  }

  /** Builds a daemon; every setting has a default except the job store. */
  public static final class Builder {
    private String daemonId;
    private DaemonRole role = DaemonRole.ALL;
    private boolean daemonEnabled;
    private final Set<String> inlineFamilies = new TreeSet<>();
    private final Map<String, JobHandler> handlers = new LinkedHashMap<>();
    private final Map<String, Integer> concurrency = new LinkedHashMap<>();
    private int defaultConcurrency = DEFAULT_CONCURRENCY;
    private int claimBatchSize = DEFAULT_CLAIM_BATCH_SIZE;
    private int claimAhead = -1;
    private int completionBatchSize = DEFAULT_COMPLETION_BATCH_SIZE;
    private Duration completionFlushDelay = DEFAULT_COMPLETION_FLUSH_DELAY;
    private Duration lease = DEFAULT_LEASE;
    private Duration heartbeatInterval;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration reaperInterval;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
    private Backoff backoff = Backoff.defaults();
    private InstantSource clock = InstantSource.system();
    private JobStore store;
    private Jobs jobs;
    private DaemonRegistry registry;
    private MeterRegistry meters;
    private final List<TraceSink> traceSinks = new ArrayList<>();
    private Executor executor;
    private String host;

    private Builder() {}

    /** Default {@code <host>-<pid>-<6 random hex>}. */
    public Builder daemonId(String value) {
      this.daemonId = Checks.requireText(value, "daemonId");
      return this;
    }

    /** Default {@link DaemonRole#ALL}. */
    public Builder role(DaemonRole value) {
      this.role = Objects.requireNonNull(value, "role");
      return this;
    }

    /**
     * Whether a separate daemon process runs the jobs ({@code daemon.enabled}); only the api role
     * looks at it. Default false.
     */
    public Builder daemonEnabled(boolean value) {
      this.daemonEnabled = value;
      return this;
    }

    /** Host families that run inline in the api role, like {@code deferred} and {@code backup}. */
    public Builder inlineFamily(String family) {
      inlineFamilies.add(Checks.requireFamily(family));
      return this;
    }

    /** Registers the handler of its family. */
    public Builder handler(JobHandler handler) {
      Objects.requireNonNull(handler, "handler");
      String family = Checks.requireFamily(handler.family());
      if (handlers.putIfAbsent(family, handler) != null) {
        throw new IllegalArgumentException("family '" + family + "' already has a handler");
      }
      return this;
    }

    public Builder handlers(JobHandler... values) {
      for (JobHandler handler : values) {
        handler(handler);
      }
      return this;
    }

    /** Attempts of {@code family} that run at once. Default {@link #DEFAULT_CONCURRENCY}. */
    public Builder concurrency(String family, int value) {
      concurrency.put(Checks.requireFamily(family), Checks.range(value, 1, 1000, "concurrency"));
      return this;
    }

    /** Concurrency of families not given one of their own. */
    public Builder defaultConcurrency(int value) {
      this.defaultConcurrency = Checks.range(value, 1, 1000, "defaultConcurrency");
      return this;
    }

    /** Most jobs one claim takes (never more than free slots plus claim-ahead room). Default 32. */
    public Builder claimBatchSize(int value) {
      this.claimBatchSize = Checks.range(value, 1, 1000, "claimBatchSize");
      return this;
    }

    /**
     * Jobs per family claimed beyond its free slots, leased and waiting for a slot, so that fast
     * jobs are claimed in whole batches; released unstarted on close. 0 claims only for free slots.
     * Default {@link #DEFAULT_CLAIM_AHEAD_FACTOR} × the family's concurrency.
     */
    public Builder claimAhead(int value) {
      this.claimAhead = Checks.range(value, 0, 10_000, "claimAhead");
      return this;
    }

    /** Most results one completion statement records. Default 100; 1 writes each alone. */
    public Builder completionBatchSize(int value) {
      this.completionBatchSize = Checks.range(value, 1, 1000, "completionBatchSize");
      return this;
    }

    /** How long a finished result may wait for others to share its statement. Default 2 ms. */
    public Builder completionFlushDelay(Duration value) {
      this.completionFlushDelay = Checks.notNegative(value, "completionFlushDelay");
      return this;
    }

    /** How long a claim holds a job without a heartbeat. Default 30 s. */
    public Builder leaseDuration(Duration value) {
      this.lease = Checks.positive(value, "leaseDuration");
      return this;
    }

    /** How often leases are renewed. Default a third of the lease. */
    public Builder heartbeatInterval(Duration value) {
      this.heartbeatInterval = Checks.positive(value, "heartbeatInterval");
      return this;
    }

    /** How often to look for due jobs when no wake-up came. Default 250 ms. */
    public Builder pollInterval(Duration value) {
      this.pollInterval = Checks.positive(value, "pollInterval");
      return this;
    }

    /** How often to return lapsed leases to the queue. Default half the lease. */
    public Builder reaperInterval(Duration value) {
      this.reaperInterval = Checks.positive(value, "reaperInterval");
      return this;
    }

    /** How long {@link AthenaDaemon#close()} waits for running attempts. Default 30 s. */
    public Builder drainTimeout(Duration value) {
      this.drainTimeout = Checks.notNegative(value, "drainTimeout");
      return this;
    }

    /** Delay between a failed attempt and the next. Default {@link Backoff#defaults()}. */
    public Builder backoff(Backoff value) {
      this.backoff = Objects.requireNonNull(value, "backoff");
      return this;
    }

    /** Time for leases, retries and heartbeats. Default the system clock. */
    public Builder clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The store to claim from; polling only. Prefer {@link #jobs(Jobs)} in the same process. */
    public Builder store(JobStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** The facade's store, and a wake-up the moment it queues a job of ours. */
    public Builder jobs(Jobs value) {
      this.jobs = Objects.requireNonNull(value, "jobs");
      this.store = value.store();
      return this;
    }

    /** Where the daemon heartbeats. Default a fresh in-memory registry. */
    public Builder registry(DaemonRegistry value) {
      this.registry = Objects.requireNonNull(value, "registry");
      return this;
    }

    /** Where job meters go. Default a private {@code SimpleMeterRegistry}. */
    public Builder meterRegistry(MeterRegistry value) {
      this.meters = Objects.requireNonNull(value, "meterRegistry");
      return this;
    }

    /**
     * Adds a trace sink: every finished attempt ({@code job_trace}) and the daemon's start and stop
     * ({@code daemon_trace}) are written to it. The daemon does not close it.
     */
    public Builder traceSink(TraceSink sink) {
      traceSinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /** Runs attempts on the host's executor instead of per-family threads. */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /** The host name to register. Default the local host name. */
    public Builder host(String value) {
      this.host = Checks.requireText(value, "host");
      return this;
    }

    /**
     * @throws IllegalStateException when no store is set, the heartbeat is not shorter than the
     *     lease, or a concurrency names a family without a handler
     */
    public AthenaDaemon build() {
      if (store == null) {
        throw new IllegalStateException("a daemon needs a job store: call jobs(...) or store(...)");
      }
      Duration heartbeat = heartbeatInterval != null ? heartbeatInterval : lease.dividedBy(3);
      if (heartbeat.compareTo(lease) >= 0) {
        throw new IllegalStateException(
            "heartbeatInterval was " + heartbeat + " but must be shorter than the lease " + lease);
      }
      Set<String> unknown = new TreeSet<>(concurrency.keySet());
      unknown.removeAll(handlers.keySet());
      if (!unknown.isEmpty()) {
        throw new IllegalStateException(
            "concurrency was set for " + unknown + " but they have no handler");
      }
      Set<String> families =
          FamilyOwnership.families(role, daemonEnabled, handlers.keySet(), inlineFamilies);
      return new AthenaDaemon(settings(heartbeat, families));
    }

    private DaemonSettings settings(Duration heartbeat, Set<String> families) {
      Map<String, Integer> perFamily = new LinkedHashMap<>();
      families.forEach(f -> perFamily.put(f, concurrency.getOrDefault(f, defaultConcurrency)));
      String hostName = host != null ? host : Checks.localHost();
      return new DaemonSettings(
          daemonId != null ? daemonId : Checks.defaultId(hostName),
          role,
          hostName,
          families,
          Map.copyOf(handlers),
          Map.copyOf(perFamily),
          claimBatchSize,
          claimAhead,
          completionBatchSize,
          completionFlushDelay,
          lease,
          heartbeat,
          pollInterval,
          reaperInterval != null ? reaperInterval : lease.dividedBy(2),
          drainTimeout,
          backoff,
          clock,
          store,
          registry != null ? registry : new InMemoryDaemonRegistry(clock),
          jobs,
          meters != null ? meters : new SimpleMeterRegistry(),
          List.copyOf(traceSinks),
          executor);
    }
  }
}
