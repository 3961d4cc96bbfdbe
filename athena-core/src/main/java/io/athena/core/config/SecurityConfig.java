package io.athena.core.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * API keys, limits and rate limiting of the gateway.
 *
 * @param enforceApiKeys whether gateway requests need a valid API key (clients may override)
 * @param keyStoreFailure what happens when the key store cannot answer
 * @param keyCacheTtl how long a looked-up key is trusted before the store is asked again
 * @param maxLimit the most rows one fetch may ask for; a larger {@code limit} answers 400 and a
 *     fetch without a limit gets this one
 * @param maxInsertRows the most rows one insert may carry
 * @param maxConditions the most comparisons one request's filters may hold, counting every leaf
 * @param maxConditionDepth how deep {@code and(...)}/{@code or(...)} groups may nest, counting the
 *     list itself as the first level
 * @param requestTimeout the most time one gateway request may take from its start to the end of its
 *     statements; {@link Duration#ZERO} is off
 * @param rawSql what {@code /gateway/query} may do (clients may override)
 * @param rateLimitPerSecond requests per second per key (per client without a key); 0 is off
 * @param rateLimitBurst requests a key may make at once before the rate applies
 * @param rateLimitShared count the rate limit across every node through the shared limits store
 *     (Redis, {@code cache.redis}); a node that cannot reach it limits on its own meanwhile
 * @param clients per-client overrides by client name
 */
public record SecurityConfig(
    boolean enforceApiKeys,
    KeyStoreFailure keyStoreFailure,
    Duration keyCacheTtl,
    long maxLimit,
    int maxInsertRows,
    int maxConditions,
    int maxConditionDepth,
    Duration requestTimeout,
    RawSqlMode rawSql,
    int rateLimitPerSecond,
    int rateLimitBurst,
    boolean rateLimitShared,
    Map<String, ClientSecurity> clients) {
  public static final boolean DEFAULT_ENFORCE_API_KEYS = false;
  public static final KeyStoreFailure DEFAULT_KEY_STORE_FAILURE = KeyStoreFailure.FAIL_CLOSED;
  public static final Duration DEFAULT_KEY_CACHE_TTL = Duration.ofSeconds(5);
  public static final long DEFAULT_MAX_LIMIT = 10_000;
  public static final int DEFAULT_MAX_INSERT_ROWS = 1_000;
  public static final int DEFAULT_MAX_CONDITIONS = 200;
  public static final int DEFAULT_MAX_CONDITION_DEPTH = 16;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final RawSqlMode DEFAULT_RAW_SQL = RawSqlMode.ENABLED;
  public static final int DEFAULT_RATE_LIMIT_PER_SECOND = 0;
  public static final int DEFAULT_RATE_LIMIT_BURST = 20;
  public static final boolean DEFAULT_RATE_LIMIT_SHARED = false;

  public SecurityConfig {
    Objects.requireNonNull(keyStoreFailure, "keyStoreFailure");
    Objects.requireNonNull(keyCacheTtl, "keyCacheTtl");
    Objects.requireNonNull(rawSql, "rawSql");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (maxLimit < 1 || maxInsertRows < 1 || rateLimitPerSecond < 0 || rateLimitBurst < 1) {
      throw new IllegalArgumentException(
          "maxLimit, maxInsertRows and rateLimitBurst must be positive, rateLimitPerSecond >= 0");
    }
    if (maxConditions < 1 || maxConditionDepth < 1 || requestTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "maxConditions and maxConditionDepth must be positive, requestTimeout not negative");
    }
    clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
  }

  public static SecurityConfig defaults() {
    return new SecurityConfig(
        DEFAULT_ENFORCE_API_KEYS,
        DEFAULT_KEY_STORE_FAILURE,
        DEFAULT_KEY_CACHE_TTL,
        DEFAULT_MAX_LIMIT,
        DEFAULT_MAX_INSERT_ROWS,
        DEFAULT_MAX_CONDITIONS,
        DEFAULT_MAX_CONDITION_DEPTH,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_RAW_SQL,
        DEFAULT_RATE_LIMIT_PER_SECOND,
        DEFAULT_RATE_LIMIT_BURST,
        DEFAULT_RATE_LIMIT_SHARED,
        Map.of());
  }

  /** Whether requests to {@code client} need a key by configuration. */
  public boolean enforcedFor(String client) {
    ClientSecurity own = clients.get(client);
    return own == null ? enforceApiKeys : own.enforceApiKeys().orElse(enforceApiKeys);
  }

  /** What raw SQL {@code client} allows. */
  public RawSqlMode rawSqlFor(String client) {
    ClientSecurity own = clients.get(client);
    return own == null ? rawSql : own.rawSql().orElse(rawSql);
  }

  /** Whether rate limiting is on. */
  public boolean rateLimited() {
    return rateLimitPerSecond > 0;
  }

  /** These settings with key enforcement switched. */
  public SecurityConfig withEnforceApiKeys(boolean enforce) {
    return edit(d -> d.enforceApiKeys = enforce);
  }

  /** These settings with {@code clients} replaced. */
  public SecurityConfig withClients(Map<String, ClientSecurity> newClients) {
    return edit(d -> d.clients = newClients);
  }

  /** These settings with the rate limit replaced. */
  public SecurityConfig withRateLimit(int perSecond, int burst) {
    return edit(
        d -> {
          d.rateLimitPerSecond = perSecond;
          d.rateLimitBurst = burst;
        });
  }

  /** These settings with the rate limit counted cluster-wide (or per node). */
  public SecurityConfig withRateLimitShared(boolean shared) {
    return edit(d -> d.rateLimitShared = shared);
  }

  /** These settings with the fetch and insert limits replaced. */
  public SecurityConfig withLimits(long newMaxLimit, int newMaxInsertRows) {
    return edit(
        d -> {
          d.maxLimit = newMaxLimit;
          d.maxInsertRows = newMaxInsertRows;
        });
  }

  /** These settings with the key store failure policy replaced. */
  public SecurityConfig withKeyStoreFailure(KeyStoreFailure failure) {
    return edit(d -> d.keyStoreFailure = failure);
  }

  /** These settings with the condition limits replaced. */
  public SecurityConfig withConditionLimits(int newMaxConditions, int newMaxConditionDepth) {
    return edit(
        d -> {
          d.maxConditions = newMaxConditions;
          d.maxConditionDepth = newMaxConditionDepth;
        });
  }

  /** These settings with the total request time limit replaced ({@code ZERO} is off). */
  public SecurityConfig withRequestTimeout(Duration newRequestTimeout) {
    return edit(d -> d.requestTimeout = newRequestTimeout);
  }

  /** A copy with some fields changed; the canonical constructor validates the result. */
  private SecurityConfig edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** The mutable twin the withers edit, so that each names only the fields it changes. */
  private static final class Draft {
    boolean enforceApiKeys;
    KeyStoreFailure keyStoreFailure;
    Duration keyCacheTtl;
    long maxLimit;
    int maxInsertRows;
    int maxConditions;
    int maxConditionDepth;
    Duration requestTimeout;
    RawSqlMode rawSql;
    int rateLimitPerSecond;
    int rateLimitBurst;
    boolean rateLimitShared;
    Map<String, ClientSecurity> clients;

    Draft(SecurityConfig c) {
      enforceApiKeys = c.enforceApiKeys;
      keyStoreFailure = c.keyStoreFailure;
      keyCacheTtl = c.keyCacheTtl;
      maxLimit = c.maxLimit;
      maxInsertRows = c.maxInsertRows;
      maxConditions = c.maxConditions;
      maxConditionDepth = c.maxConditionDepth;
      requestTimeout = c.requestTimeout;
      rawSql = c.rawSql;
      rateLimitPerSecond = c.rateLimitPerSecond;
      rateLimitBurst = c.rateLimitBurst;
      rateLimitShared = c.rateLimitShared;
      clients = c.clients;
    }

    SecurityConfig build() {
      return new SecurityConfig(
          enforceApiKeys,
          keyStoreFailure,
          keyCacheTtl,
          maxLimit,
          maxInsertRows,
          maxConditions,
          maxConditionDepth,
          requestTimeout,
          rawSql,
          rateLimitPerSecond,
          rateLimitBurst,
          rateLimitShared,
          clients);
    }
  }
}
