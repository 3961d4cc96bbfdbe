package io.athena.core.cache;

import io.athena.core.config.CacheConfig;
import io.athena.core.http.HttpResponse;
import io.athena.core.http.ResponseBody;
import io.athena.spi.cache.CacheEntry;
import io.athena.spi.cache.CacheStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
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
 * every lookup, local hits included: no node serves a read older than a write any node finished.
 *
 * <p>Shared tier trouble: a failing or slow call counts against a {@link CircuitBreaker} and the
 * request is answered from the database ({@code bypass}). While the shared tier cannot be asked,
 * nothing is served from the cache at all, not even the local tier: it can no longer tell whether
 * another node wrote. A write whose advance could not reach the shared tier is remembered and
 * advanced before this node trusts the cache again.
 */
public final class ReadCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadCache.class);

  /** The Micrometer name; Prometheus shows {@code athena_cache_requests_total{outcome}}. */
  public static final String REQUESTS_METER = "athena.cache.requests";

  private final CacheConfig config;
  private final CacheStore local;
  private final CacheStore shared;
  private final CircuitBreaker circuit;
  private final Set<String> pendingAdvances = ConcurrentHashMap.newKeySet();
  private final Map<CacheOutcome, Counter> requests = new EnumMap<>(CacheOutcome.class);

  /**
   * @param local the local tier
   * @param shared the shared tier, or null for none (one node)
   * @param clock times the circuit of the shared tier
   */
  public ReadCache(
      CacheConfig config,
      CacheStore local,
      CacheStore shared,
      InstantSource clock,
      MeterRegistry meters) {
    this.config = config;
    this.local = local;
    this.shared = shared;
    this.circuit =
        new CircuitBreaker(config.sharedFailureThreshold(), config.sharedRetryAfter(), clock);
    for (CacheOutcome outcome : CacheOutcome.values()) {
      requests.put(
          outcome,
          Counter.builder(REQUESTS_METER)
              .description("Fetches by how the read cache served them")
              .tag("outcome", outcome.wireName())
              .register(meters));
    }
    if (shared != null) {
      // other nodes' writes: their entries are stale already (generations say so); free memory
      shared.onRemoteAdvance(local::evict);
    }
  }

  public CacheConfig config() {
    return config;
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
    Optional<Long> generation = generation(client);
    if (generation.isEmpty()) {
      return counted(Lookup.bypass(client, key));
    }
    long current = generation.get();
    if (noCache) {
      return counted(new Lookup(CacheOutcome.BYPASS, client, key, null, current, true));
    }
    Optional<CacheEntry> hit = local.get(key).filter(e -> fresh(e, client, current));
    if (hit.isPresent()) {
      return counted(found(CacheOutcome.HIT_LOCAL, hit.get(), key, current));
    }
    return counted(sharedLookup(client, key, current));
  }

  private Lookup sharedLookup(String client, String key, long current) {
    if (shared == null) {
      return new Lookup(CacheOutcome.MISS, client, key, null, current, true);
    }
    Optional<CacheEntry> entry;
    try {
      entry = shared.get(key).filter(e -> fresh(e, client, current));
      circuit.succeeded();
    } catch (RuntimeException e) {
      failed(e);
      return Lookup.bypass(client, key);
    }
    if (entry.isEmpty()) {
      return new Lookup(CacheOutcome.MISS, client, key, null, current, true);
    }
    local.put(key, entry.get(), config.ttl());
    return found(CacheOutcome.HIT_SHARED, entry.get(), key, current);
  }

  private static Lookup found(CacheOutcome outcome, CacheEntry entry, String key, long current) {
    return new Lookup(outcome, entry.scope(), key, entry.body(), current, false);
  }

  private static boolean fresh(CacheEntry entry, String client, long generation) {
    return entry.scope().equals(client) && entry.generation() == generation;
  }

  /**
   * The client's generation: from the shared tier when there is one (empty when it cannot be asked
   * or has advances of ours outstanding), else from the local tier.
   */
  private Optional<Long> generation(String client) {
    if (shared == null) {
      return Optional.of(local.generation(client));
    }
    if (!circuit.allowsCall()) {
      return Optional.empty();
    }
    try {
      for (String scope : pendingAdvances) {
        shared.advance(scope);
        pendingAdvances.remove(scope);
      }
      long generation = shared.generation(client);
      circuit.succeeded();
      return Optional.of(generation);
    } catch (RuntimeException e) {
      failed(e);
      return Optional.empty();
    }
  }

  /**
   * Wraps a miss's response so that its bytes are stored once fully written, unless larger than
   * {@code cache.max_entry_bytes} (those just stream). {@code complete} tells whether the body was
   * written to its end rather than cut short by a failure.
   */
  public HttpResponse storing(Lookup lookup, HttpResponse response, BooleanSupplier complete) {
    if (!lookup.storable()) {
      return response;
    }
    ResponseBody body =
        new CapturingBody(
            response.body(),
            config.maxEntryBytes(),
            bytes -> {
              if (complete.getAsBoolean()) {
                store(lookup, bytes);
              }
            });
    return new HttpResponse(response.status(), response.headers(), body);
  }

  void store(Lookup lookup, byte[] body) {
    CacheEntry entry = new CacheEntry(lookup.client(), lookup.generation(), body);
    local.put(lookup.key(), entry, config.ttl());
    if (shared == null || !circuit.allowsCall()) {
      return;
    }
    try {
      shared.put(lookup.key(), entry, config.ttl());
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

  /** Makes every cached read of {@code client} stale, on every node sharing the shared tier. */
  public void invalidate(String client) {
    if (!config.enabled()) {
      return;
    }
    local.advance(client);
    if (shared == null) {
      return;
    }
    if (!circuit.allowsCall()) {
      pendingAdvances.add(client);
      return;
    }
    try {
      shared.advance(client);
      circuit.succeeded();
    } catch (RuntimeException e) {
      pendingAdvances.add(client);
      failed(e);
    }
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

  /** Closes both tiers. */
  @Override
  public void close() {
    local.close();
    if (shared != null) {
      shared.close();
    }
  }
}
