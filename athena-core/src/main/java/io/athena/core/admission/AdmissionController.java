package io.athena.core.admission;

import io.athena.core.config.AdmissionConfig;
import io.athena.core.config.OverloadAction;
import io.athena.core.limits.GuardedLimits;
import io.athena.spi.limits.SlotGrant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-client and global concurrency limits of gateway requests. A request over a limit is deferred
 * or rejected by {@code admission.overload}; a caller that sent {@code Prefer: respond-async} is
 * always deferred. Every decision is counted in {@code athena.admission.decisions{client,decision}}
 * (Prometheus {@code athena_admission_decisions_total}). Thread-safe and lock-free.
 *
 * <p>Client names reach this class only after the client was resolved, so the {@code client} label
 * is bounded by the configured clients.
 *
 * <p>With {@code admission.shared} the limits are counted across every node in a shared store
 * ({@link SharedSlots}); whenever that store cannot answer, this node admits by its own counts.
 */
public final class AdmissionController implements AutoCloseable {
  public static final String METER = "athena.admission.decisions";

  /** Seconds a rejected or deferred caller is asked to wait before it retries or polls. */
  public static final int RETRY_AFTER_SECONDS = 1;

  private final AdmissionConfig config;
  private final MeterRegistry meters;
  private final AtomicInteger running = new AtomicInteger();
  private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final SharedSlots shared;

  public AdmissionController(AdmissionConfig config, MeterRegistry meters) {
    this(config, meters, null, InstantSource.system());
  }

  /**
   * @param sharedLimits where every node counts when {@code admission.shared} is on; may be null
   *     otherwise
   * @param clock times the leases of shared slots
   * @throws IllegalStateException when the limits are to be shared but no store is given
   */
  public AdmissionController(
      AdmissionConfig config,
      MeterRegistry meters,
      GuardedLimits sharedLimits,
      InstantSource clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.meters = Objects.requireNonNull(meters, "meters");
    boolean share = config.shared() && config.bounded();
    if (share && sharedLimits == null) {
      throw new IllegalStateException(
          "admission.shared is true but no shared limits store is configured: set"
              + " cache.redis.address (with io.athena:athena-redis on the classpath) or pass"
              + " Athena.Builder.sharedLimits(...)");
    }
    this.shared = share ? new SharedSlots(sharedLimits, config.sharedSlotLease(), clock) : null;
  }

  /** No limits, meters nowhere: every request is admitted. */
  public static AdmissionController unbounded() {
    return new AdmissionController(AdmissionConfig.defaults(), new SimpleMeterRegistry());
  }

  public AdmissionConfig config() {
    return config;
  }

  /**
   * Decides for one request to {@code client}; counts the decision.
   *
   * @param preferAsync the caller sent {@code Prefer: respond-async}
   */
  public Admission admit(String client, boolean preferAsync) {
    Objects.requireNonNull(client, "client");
    if (preferAsync) {
      return decided(client, new Admission(AdmissionDecision.DEFERRED, () -> {}));
    }
    if (!config.bounded()) {
      return decided(client, new Admission(AdmissionDecision.ADMITTED, () -> {}));
    }
    if (shared != null) {
      SharedSlots.Take take = shared.take(client, limitsOf(client));
      if (take.grant().isPresent()) {
        return decided(
            client,
            take.grant().get() == SlotGrant.TAKEN
                ? new Admission(AdmissionDecision.ADMITTED, take.release())
                : overloaded());
      }
      // the shared store did not answer: this node counts alone meanwhile
    }
    AtomicInteger own = perClient.computeIfAbsent(client, c -> new AtomicInteger());
    if (!acquire(running, config.maxConcurrent())) {
      return decided(client, overloaded());
    }
    if (!acquire(own, config.maxConcurrentPerClient())) {
      running.decrementAndGet();
      return decided(client, overloaded());
    }
    Runnable release =
        () -> {
          own.decrementAndGet();
          running.decrementAndGet();
        };
    return decided(client, new Admission(AdmissionDecision.ADMITTED, release));
  }

  /** The pools a request of {@code client} takes a slot in, and their limits. */
  private Map<String, Integer> limitsOf(String client) {
    Map<String, Integer> limits = new LinkedHashMap<>();
    if (config.maxConcurrent() > 0) {
      limits.put("admission:all", config.maxConcurrent());
    }
    if (config.maxConcurrentPerClient() > 0) {
      limits.put("admission:client:" + client, config.maxConcurrentPerClient());
    }
    return limits;
  }

  /** Requests holding a slot right now (on this node), across clients. */
  public int running() {
    return running.get() + (shared == null ? 0 : shared.held(null));
  }

  /** Requests of {@code client} holding a slot right now (on this node). */
  public int running(String client) {
    AtomicInteger own = perClient.get(client);
    return (own == null ? 0 : own.get()) + (shared == null ? 0 : shared.held(client));
  }

  /** A human summary of the limits and what runs, for the 429 message. */
  public String describeLimits(String client) {
    if (shared != null) {
      return "the cluster-wide limits are "
          + limit(config.maxConcurrent())
          + " overall and "
          + limit(config.maxConcurrentPerClient())
          + " for client '"
          + client
          + "'";
    }
    return "running "
        + running()
        + " of "
        + limit(config.maxConcurrent())
        + " overall and "
        + running(client)
        + " of "
        + limit(config.maxConcurrentPerClient())
        + " for client '"
        + client
        + "'";
  }

  private Admission overloaded() {
    AdmissionDecision decision =
        config.overload() == OverloadAction.DEFER
            ? AdmissionDecision.DEFERRED
            : AdmissionDecision.REJECTED;
    return new Admission(decision, () -> {});
  }

  private Admission decided(String client, Admission admission) {
    String decision = admission.decision().label();
    counters
        .computeIfAbsent(
            client + '\u0000' + decision,
            k ->
                Counter.builder(METER)
                    .description("Admission decisions of gateway requests")
                    .tag("client", client)
                    .tag("decision", decision)
                    .register(meters))
        .increment();
    return admission;
  }

  /** Takes a slot unless {@code limit} (0 = unbounded) is reached. */
  private static boolean acquire(AtomicInteger counter, int limit) {
    if (limit == 0) {
      counter.incrementAndGet();
      return true;
    }
    while (true) {
      int now = counter.get();
      if (now >= limit) {
        return false;
      }
      if (counter.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  private static String limit(int value) {
    return value == 0 ? "unbounded" : String.valueOf(value);
  }

  /** Stops renewing shared slots; slots still held lapse. Idempotent. */
  @Override
  public void close() {
    if (shared != null) {
      shared.close();
    }
  }
}
