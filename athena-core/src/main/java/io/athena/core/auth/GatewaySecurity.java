package io.athena.core.auth;

import io.athena.core.config.KeyStoreFailure;
import io.athena.core.config.RawSqlMode;
import io.athena.core.config.SecurityConfig;
import io.athena.core.http.HttpRequest;
import io.athena.core.limits.GuardedLimits;
import io.athena.core.router.KeyTransport;
import io.athena.spi.ErrorCode;
import io.athena.spi.FetchRequest;
import io.athena.spi.GatewayException;
import io.athena.spi.GatewayOperation;
import io.athena.spi.InsertRequest;
import io.athena.spi.QueryRequest;
import io.athena.spi.auth.ApiKey;
import io.athena.spi.auth.KeyStore;
import io.athena.spi.auth.KeyStoreUnavailableException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the gateway checks about who may do what: the API key (when enforced, or whenever one
 * is presented), the rate limit, the right each operation needs, and the limits on what one request
 * may ask for. Thread-safe. Logs name keys by public id only, never by their secret.
 */
public final class GatewaySecurity implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewaySecurity.class);

  /** Seconds a caller is asked to wait when the key store is down. */
  public static final int KEY_STORE_RETRY_AFTER_SECONDS = 5;

  private final SecurityConfig config;
  private final KeyStore store;
  private final InstantSource clock;
  private final KeyVerifier verifier;
  private final LastUsedRecorder lastUsed;
  private final RateLimiter rateLimiter;
  private final AtomicReference<CachedEnforcement> enforcement;
  private final AtomicBoolean storeDown = new AtomicBoolean();

  private GatewaySecurity(
      SecurityConfig config, KeyStore store, InstantSource clock, GuardedLimits sharedLimits) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.verifier = new KeyVerifier(store, clock, config.keyCacheTtl());
    this.lastUsed = new LastUsedRecorder(store);
    this.rateLimiter =
        config.rateLimited()
            ? new RateLimiter(
                clock,
                config.rateLimitPerSecond(),
                config.rateLimitBurst(),
                config.rateLimitShared() ? sharedLimits : null)
            : null;
    Map<String, Boolean> perClient = new java.util.LinkedHashMap<>();
    config.clients().forEach((n, c) -> c.enforceApiKeys().ifPresent(e -> perClient.put(n, e)));
    // expired from the start: the first request reads what an operator saved, if anything
    this.enforcement =
        new AtomicReference<>(
            new CachedEnforcement(
                new Enforcement(config.enforceApiKeys(), perClient), Instant.MIN));
  }

  /** The enforcement in force, and when to read the key store's copy again. */
  private record CachedEnforcement(Enforcement value, Instant expires) {}

  /** Security with {@code config}, keys in {@code store}, time from {@code clock}. */
  public static GatewaySecurity of(SecurityConfig config, KeyStore store, InstantSource clock) {
    return of(config, store, clock, null);
  }

  /**
   * Security whose rate limit is counted in {@code sharedLimits} when {@code
   * security.rate_limit_shared} is on.
   *
   * @param sharedLimits where every node counts, or null for none
   * @throws IllegalStateException when the rate limit is to be shared but no store is given
   */
  public static GatewaySecurity of(
      SecurityConfig config, KeyStore store, InstantSource clock, GuardedLimits sharedLimits) {
    Objects.requireNonNull(config, "config");
    if (config.rateLimited() && config.rateLimitShared() && sharedLimits == null) {
      throw new IllegalStateException(
          "security.rate_limit_shared is true but no shared limits store is configured: set"
              + " cache.redis.address (with io.athena:athena-redis on the classpath) or pass"
              + " Athena.Builder.sharedLimits(...)");
    }
    return new GatewaySecurity(
        config,
        Objects.requireNonNull(store, "store"),
        Objects.requireNonNull(clock, "clock"),
        sharedLimits);
  }

  /** The defaults: keys not enforced, an empty in-memory store, the system clock. */
  public static GatewaySecurity defaults() {
    return of(SecurityConfig.defaults(), new InMemoryKeyStore(), InstantSource.system());
  }

  public SecurityConfig config() {
    return config;
  }

  public KeyStore keyStore() {
    return store;
  }

  /** The time source for key expiry, rate limits and request deadlines. */
  public InstantSource clock() {
    return clock;
  }

  /**
   * The enforcement in force: the one last saved in the key store (re-read every {@code
   * key_cache_ttl}, so a switch made on another node applies here within that time), else the
   * configuration's.
   */
  public Enforcement enforcement() {
    CachedEnforcement cached = enforcement.get();
    Instant now = clock.instant();
    if (now.isBefore(cached.expires())) {
      return cached.value();
    }
    // one caller re-reads; the others keep using the current value meanwhile
    CachedEnforcement claimed =
        new CachedEnforcement(cached.value(), now.plus(config.keyCacheTtl()));
    if (enforcement.compareAndSet(cached, claimed)) {
      reloadEnforcement(claimed);
    }
    return enforcement.get().value();
  }

  private void reloadEnforcement(CachedEnforcement claimed) {
    try {
      store
          .loadEnforcement()
          .map(Enforcement::of)
          .ifPresent(
              saved ->
                  enforcement.compareAndSet(
                      claimed, new CachedEnforcement(saved, claimed.expires())));
    } catch (KeyStoreUnavailableException e) {
      // keep the last known switch: an outage must not turn enforcement off (or on)
      LOG.debug("the API key store could not be asked for the enforcement switch", e);
    }
  }

  /**
   * Switches enforcement at run time and saves it in the key store, so that it survives restarts
   * and reaches the other nodes within their {@code key_cache_ttl}.
   *
   * @throws KeyStoreUnavailableException when it cannot be saved; nothing changes then
   */
  public void enforcement(Enforcement newEnforcement) {
    Objects.requireNonNull(newEnforcement, "enforcement");
    store.saveEnforcement(newEnforcement.toSettings());
    enforcement.set(
        new CachedEnforcement(newEnforcement, clock.instant().plus(config.keyCacheTtl())));
  }

  /**
   * Who the request acts as on {@code client}, after its key and the rate limit are checked. A
   * presented key is always verified, even where keys are not enforced.
   *
   * @throws GatewayException 401/403 for a missing or unusable key, 429 over the rate limit, 503
   *     when the key store is down and the policy is fail-closed
   */
  public Principal authenticate(HttpRequest request, String client) {
    Principal principal = identify(request, client);
    if (rateLimiter != null) {
      rateLimiter.acquire(principal.key().map(k -> "key:" + k.id()).orElse("client:" + client));
    }
    return principal;
  }

  private Principal identify(HttpRequest request, String client) {
    var presented = KeyTransport.apiKey(request);
    if (presented.isEmpty()) {
      if (enforcement().enforcedFor(client)) {
        throw new GatewayException(
            ErrorCode.UNAUTHORIZED,
            "This client needs an API key: send it in X-Athena-Key, apikey, X-API-Key,"
                + " Authorization: Bearer or ?api_key=");
      }
      return Principal.anonymous();
    }
    try {
      ApiKey key = verifier.verify(presented.get(), client);
      if (storeDown.compareAndSet(true, false)) {
        LOG.info("the API key store answers again");
      }
      lastUsed.record(key.id(), clock.instant());
      return Principal.of(key);
    } catch (KeyStoreUnavailableException e) {
      return storeUnavailable(e, client);
    }
  }

  private Principal storeUnavailable(KeyStoreUnavailableException e, String client) {
    boolean open = config.keyStoreFailure() == KeyStoreFailure.FAIL_OPEN;
    if (storeDown.compareAndSet(false, true)) {
      LOG.warn(
          "the API key store is unavailable; requests are {} (key_store_failure={})",
          open ? "let through without key checks" : "refused with 503",
          open ? "fail_open" : "fail_closed",
          e);
    } else {
      LOG.debug("the API key store is still unavailable (client {})", client);
    }
    if (open) {
      return Principal.anonymous();
    }
    throw new GatewayException(
        ErrorCode.KEY_STORE_UNAVAILABLE,
        "API keys cannot be checked right now; retry shortly",
        null,
        KEY_STORE_RETRY_AFTER_SECONDS,
        Map.of());
  }

  /**
   * Who work authenticated earlier acts as now, by the key's public id (null for an anonymous
   * request): the key must still be active, unexpired and allowed on {@code client}, and a request
   * without a key must still be allowed one. No rate limit: the work was admitted when it arrived.
   *
   * @throws GatewayException 401/403 as {@link #authenticate}, 503 when the key store is down
   */
  public Principal principalFor(String keyId, String client) {
    if (keyId == null) {
      if (enforcement().enforcedFor(client)) {
        throw new GatewayException(
            ErrorCode.UNAUTHORIZED, "Client '" + client + "' now needs an API key");
      }
      return Principal.anonymous();
    }
    try {
      return Principal.of(verifier.recheck(keyId, client));
    } catch (KeyStoreUnavailableException e) {
      return storeUnavailable(e, client);
    }
  }

  /**
   * Checks the right {@code op} needs and the request limits; returns the operation to run, which
   * may be narrowed (a fetch without a limit gets {@code max_limit}, raw SQL may become read-only).
   */
  public GatewayOperation check(Principal principal, String client, GatewayOperation op) {
    principal.authorize(op);
    if (op instanceof FetchRequest fetch) {
      return limited(fetch);
    }
    if (op instanceof InsertRequest insert && insert.rows().size() > config.maxInsertRows()) {
      throw invalid(
          "insert_body has "
              + insert.rows().size()
              + " rows; the most one insert may carry is "
              + config.maxInsertRows());
    }
    if (op instanceof QueryRequest query) {
      return rawSql(client, query);
    }
    return op;
  }

  private FetchRequest limited(FetchRequest fetch) {
    if (fetch.limit() == null) {
      return new FetchRequest(
          fetch.table(),
          fetch.columns(),
          fetch.conditions(),
          fetch.orderBy(),
          config.maxLimit(),
          fetch.offset(),
          fetch.count());
    }
    if (fetch.limit() > config.maxLimit()) {
      throw invalid(
          "limit "
              + fetch.limit()
              + " is above the most rows one fetch may ask for, "
              + config.maxLimit());
    }
    return fetch;
  }

  private QueryRequest rawSql(String client, QueryRequest query) {
    RawSqlMode mode = config.rawSqlFor(client);
    if (mode == RawSqlMode.DISABLED) {
      throw new GatewayException(
          ErrorCode.FORBIDDEN, "Raw SQL is disabled for client '" + client + "'");
    }
    return mode == RawSqlMode.READ_ONLY ? query.asReadOnly() : query;
  }

  /** Forgets a cached key at once, after it was changed or deleted here. */
  void invalidate(String id) {
    verifier.invalidate(id);
  }

  /** Writes pending last-used times now; for tests and shutdown. */
  public void flushLastUsed() {
    lastUsed.flush();
  }

  private static GatewayException invalid(String message) {
    return new GatewayException(ErrorCode.INVALID_REQUEST, message);
  }

  /** Stops the last-used writer after a final flush. Idempotent. */
  @Override
  public void close() {
    lastUsed.close();
  }
}
