package io.athena.core.cache;

import io.athena.core.config.CacheConfig;
import io.athena.core.http.HttpResponse;
import io.athena.core.http.ResponseBody;
import io.athena.core.internal.CircuitBreaker;
import io.athena.spi.cache.CacheEntry;
import io.athena.spi.cache.CacheStore;
import io.athena.spi.cache.GenerationRead;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read cache: a local tier, an optional shared tier looked up after a local miss and written
 * through, and the client generations that make entries stale.
 *
 * <p>Freshness: an entry records its client's generation as read before the database was asked;
 * every write through the gateway advances the generation after it ran, so an entry that could
 * predate a write is never served. With a shared tier the generation lives there and is read on
 * every lookup, local hits included: no node serves a read older than a write any node finished
 * while in touch with the shared tier. An entry lives {@code cache.ttl} from the moment its
 * generation was read, wherever it is copied.
 *
 * <p>Shared tier trouble: a failing or slow call counts against a {@link CircuitBreaker} and the
 * request is answered from the database ({@code bypass}). While the shared tier cannot be asked,
 * nothing is served from the cache at all, not even the local tier: it can no longer tell whether
 * another node wrote. A write whose advance fails is retried once at once; if that fails too the
 * advance is owed ({@link NodeLease}): replayed before this node reads a generation or renews its
 * lease again. Since the lease then lapses, other nodes stop trusting the cache within {@code
 * cache.shared_lease} of the write, until this node returns or is forgotten.
 */
public final class ReadCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadCache.class);

  /** The Micrometer name; Prometheus shows {@code athena_cache_requests_total{outcome}}. */
  public static final String REQUESTS_METER = "athena.cache.requests";

  private static final long NO_ROWS = CacheEntry.UNKNOWN_ROWS;

  /** Attempts of one advance before it is owed. */
  private static final int ADVANCE_ATTEMPTS = 2;

  private final CacheConfig config;
  private final CacheStore local;
  private final CacheStore shared;
  private final InstantSource clock;
  private final CircuitBreaker circuit;
  private final NodeLease lease;
  private final Map<CacheOutcome, Counter> requests = new EnumMap<>(CacheOutcome.class);
  private final AtomicReference<String> distrusted = new AtomicReference<>();
  private final AtomicBoolean subscribed = new AtomicBoolean();

  /**
   * @param local the local tier
   * @param shared the shared tier, or null for none (one node)
   * @param clock times entries, the lease and the circuit of the shared tier
   */
  public ReadCache(
      CacheConfig config,
      CacheStore local,
      CacheStore shared,
      InstantSource clock,
      MeterRegistry meters) {
    this(config, local, shared, clock, meters, true);
  }

  /**
   * @param leaseInBackground renew the lease on a thread of its own; tests pass false and call
   *     {@link #renewLease()}
   */
  ReadCache(
      CacheConfig config,
      CacheStore local,
      CacheStore shared,
      InstantSource clock,
      MeterRegistry meters,
      boolean leaseInBackground) {
    this.config = config;
    this.local = local;
    this.shared = shared;
    this.clock = clock;
    this.circuit =
        new CircuitBreaker(config.sharedFailureThreshold(), config.sharedRetryAfter(), clock);
    this.lease =
        shared == null
            ? null
            : new NodeLease(shared, config, clock, leaseInBackground, this::subscribe);
    for (CacheOutcome outcome : CacheOutcome.values()) {
      requests.put(
          outcome,
          Counter.builder(REQUESTS_METER)
              .description("Fetches by how the read cache served them")
              .tag("outcome", outcome.wireName())
              .register(meters));
    }
    subscribe();
  }

  /**
   * Hears of other nodes' writes, to free the memory of entries their generations made stale
   * anyway. Tried at construction and again on each lease renewal until it works: Athena starts
   * while Redis is down.
   */
  private void subscribe() {
    if (shared == null || !config.enabled() || subscribed.get()) {
      return;
    }
    try {
      shared.onRemoteAdvance(local::evict);
      subscribed.set(true);
    } catch (RuntimeException e) {
      LOG.debug("cannot subscribe to the shared cache '{}' yet", shared.name(), e);
    }
  }

  public CacheConfig config() {
    return config;
  }

  /**
   * Starts renewing this node's lease in the shared tier (if there is one and the cache is on). The
   * first lookup or write starts it too, for hosts that never call this. Idempotent.
   */
  public void start() {
    if (lease != null && config.enabled()) {
      lease.start();
    }
  }

  /** One lease renewal now, as the heartbeat does; for tests. */
  void renewLease() {
    if (lease != null) {
      lease.renew();
    }
  }

  /**
   * Looks {@code key} up for {@code client}.
   *
   * @param noCache the caller sent {@code Cache-Control: no-cache}: read the database (and store
   *     the fresh answer for others)
   */
  public Lookup lookup(String client, String key, boolean noCache) {
    if (!config.enabled()) {
      return counted(Lookup.bypass(client, key));
    }
    Instant now = clock.instant();
    Optional<Long> generation = generation(client);
    if (generation.isEmpty()) {
      return counted(Lookup.bypass(client, key));
    }
    long current = generation.get();
    Instant expiresAt = now.plus(config.ttl());
    if (noCache) {
      return counted(
          new Lookup(CacheOutcome.BYPASS, client, key, null, NO_ROWS, current, expiresAt, true));
    }
    Optional<CacheEntry> hit = local.get(key).filter(e -> fresh(e, client, current, now));
    if (hit.isPresent()) {
      return counted(found(CacheOutcome.HIT_LOCAL, hit.get(), key, current));
    }
    return counted(sharedLookup(client, key, current, now));
  }

  private Lookup sharedLookup(String client, String key, long current, Instant now) {
    Instant expiresAt = now.plus(config.ttl());
    if (shared == null) {
      return new Lookup(CacheOutcome.MISS, client, key, null, NO_ROWS, current, expiresAt, true);
    }
    Optional<CacheEntry> entry;
    try {
      entry = shared.get(key).filter(e -> fresh(e, client, current, now));
      circuit.succeeded();
    } catch (RuntimeException e) {
      failed(e);
      return Lookup.bypass(client, key);
    }
    if (entry.isEmpty()) {
      return new Lookup(CacheOutcome.MISS, client, key, null, NO_ROWS, current, expiresAt, true);
    }
    // the copy lives no longer than the original: its TTL runs from the original's generation read
    local.put(key, entry.get(), remaining(entry.get().expiresAt(), now));
    return found(CacheOutcome.HIT_SHARED, entry.get(), key, current);
  }

  private static Lookup found(CacheOutcome outcome, CacheEntry entry, String key, long current) {
    return new Lookup(
        outcome, entry.scope(), key, entry.body(), entry.rows(), current, entry.expiresAt(), false);
  }

  private static boolean fresh(CacheEntry entry, String client, long generation, Instant now) {
    return entry.scope().equals(client) && entry.generation() == generation && entry.liveAt(now);
  }

  /** What is left of an entry's life at {@code now}, at most {@code cache.ttl}. */
  private Duration remaining(Instant expiresAt, Instant now) {
    if (!now.isBefore(expiresAt)) {
      return Duration.ZERO;
    }
    Duration ttl = config.ttl();
    return now.plus(ttl).isBefore(expiresAt) ? ttl : Duration.between(now, expiresAt);
  }

  /**
   * The client's generation: from the shared tier when there is one (empty when it cannot be asked,
   * has advances of ours outstanding, or another node's lease lapsed), else from the local tier.
   */
  private Optional<Long> generation(String client) {
    if (shared == null) {
      return Optional.of(local.generation(client));
    }
    lease.start();
    if (!circuit.allowsCall()) {
      return Optional.empty();
    }
    GenerationRead read;
    try {
      read = lease.read(client);
      circuit.succeeded();
    } catch (RuntimeException e) {
      failed(e);
      return Optional.empty();
    }
    noteTrust(read);
    return read.isTrusted() ? Optional.of(read.generation()) : Optional.empty();
  }

  /** Logs once when another node's lapsed lease stops this node from trusting the cache. */
  private void noteTrust(GenerationRead read) {
    String lapsed = read.lapsedNode().orElse(null);
    String before = distrusted.getAndSet(lapsed);
    if (lapsed != null && !lapsed.equals(before)) {
      LOG.warn(
          "node {} lost touch with the shared cache '{}' and may have written unseen; fetches"
              + " bypass the cache until it returns or {} after its lease lapsed",
          lapsed,
          shared.name(),
          config.effectiveLapseGrace());
    } else if (lapsed == null && before != null) {
      LOG.info("every node is in touch with the shared cache '{}' again", shared.name());
    }
  }

  /**
   * Wraps a miss's response so that its bytes are stored once fully written, unless larger than
   * {@code cache.max_entry_bytes} (those just stream). {@code rowsWritten} tells how many rows the
   * body held once it was written to its end, and is negative while it was not (cut short by a
   * failure): only a complete body is stored, with its row count for the traces of later hits.
   */
  public HttpResponse storing(Lookup lookup, HttpResponse response, LongSupplier rowsWritten) {
    if (!lookup.storable()) {
      return response;
    }
    ResponseBody body =
        new CapturingBody(
            response.body(),
            config.maxEntryBytes(),
            bytes -> {
              long rows = rowsWritten.getAsLong();
              if (rows >= 0) {
                store(lookup, bytes, rows);
              }
            });
    return new HttpResponse(response.status(), response.headers(), body);
  }

  void store(Lookup lookup, byte[] body, long rows) {
    Instant now = clock.instant();
    Duration ttl = remaining(lookup.expiresAt(), now);
    if (ttl.isZero()) {
      return; // the database took longer than the TTL: the answer may be stale already
    }
    CacheEntry entry =
        new CacheEntry(lookup.client(), lookup.generation(), body, rows, lookup.expiresAt());
    local.put(lookup.key(), entry, ttl);
    if (shared == null || !circuit.allowsCall()) {
      return;
    }
    try {
      shared.put(lookup.key(), entry, ttl);
      circuit.succeeded();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /**
   * Runs a write of {@code client} and makes the client's cached reads stale: right after the
   * statement ran (or failed: a timeout may still have committed), and again once the response is
   * written or discarded, in case the backend commits only when its result is closed.
   */
  public HttpResponse afterWrite(String client, Supplier<HttpResponse> write) {
    HttpResponse response;
    try {
      response = write.get();
    } finally {
      invalidate(client);
    }
    ResponseBody body = response.body();
    ResponseBody invalidating =
        new ResponseBody() {
          @Override
          public void writeTo(OutputStream out) throws IOException {
            try {
              body.writeTo(out);
            } finally {
              invalidate(client);
            }
          }

          @Override
          public void discard() {
            try {
              body.discard();
            } finally {
              invalidate(client);
            }
          }
        };
    return new HttpResponse(response.status(), response.headers(), invalidating);
  }

  /**
   * Makes every cached read of {@code client} stale, on every node sharing the shared tier. Never
   * fails: an advance that cannot reach the shared tier (twice) is owed and replayed later.
   */
  public void invalidate(String client) {
    if (!config.enabled()) {
      return;
    }
    local.advance(client);
    if (shared == null) {
      return;
    }
    lease.start();
    for (int attempt = 0; attempt < ADVANCE_ATTEMPTS && circuit.allowsCall(); attempt++) {
      try {
        shared.advance(client);
        circuit.succeeded();
        return;
      } catch (RuntimeException e) {
        failed(e);
      }
    }
    lease.owe(client);
  }

  private void failed(RuntimeException e) {
    if (circuit.failed()) {
      LOG.warn(
          "the shared cache '{}' failed {} times in a row; fetches bypass the cache until it"
              + " answers again",
          shared.name(),
          config.sharedFailureThreshold(),
          e);
    } else {
      LOG.debug("shared cache '{}' call failed", shared.name(), e);
    }
    // entries this node holds may be stale by now, and it cannot learn of other nodes' writes
    local.clear();
  }

  private Lookup counted(Lookup lookup) {
    requests.get(lookup.outcome()).increment();
    return lookup;
  }

  /** Gives this node's lease up (when it owes nothing), then closes both tiers. */
  @Override
  public void close() {
    if (lease != null) {
      lease.close();
    }
    local.close();
    if (shared != null) {
      shared.close();
    }
  }
}
