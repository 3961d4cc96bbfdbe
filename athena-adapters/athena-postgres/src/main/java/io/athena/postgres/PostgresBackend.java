package io.athena.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.postgres.internal.ClientRuntime;
import io.athena.postgres.internal.PoolFactory;
import io.athena.postgres.internal.PoolRetirement;
import io.athena.spi.DynamicBackend;
import io.athena.spi.ErrorCode;
import io.athena.spi.ExecutionOptions;
import io.athena.spi.GatewayException;
import io.athena.spi.GatewayOperation;
import io.athena.spi.OperationResult;
import io.athena.spi.health.ClientProbe;
import io.athena.spi.health.PoolSnapshot;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL gateway backend: one data source per client, a cached catalog per client, and a
 * compiler that turns each operation into one parameterized statement. Every identifier is checked
 * against a grammar and the live catalog and emitted quoted; every value is bound and cast to its
 * column's type. Fetch and query rows stream from the database; the caller closes the result.
 *
 * <pre>{@code
 * try (PostgresBackend backend = PostgresBackend.builder()
 *     .client("app", hostDataSource)
 *     .build()) {
 *   try (OperationResult r = backend.execute("app", fetchRequest)) { ... }
 * }
 * }</pre>
 *
 * <p>Clients can also be registered and unregistered while it runs ({@link DynamicBackend}: the
 * client catalog's clients), each with a pool of its own.
 *
 * <p>Thread-safe. Failures are {@link GatewayException}s with stable codes.
 */
public final class PostgresBackend implements DynamicBackend {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresBackend.class);

  /** The value of {@link #kind()}. */
  public static final String KIND = "postgres";

  /** How long a catalog snapshot is trusted unless configured otherwise. */
  public static final Duration DEFAULT_CATALOG_CACHE_TTL = GatewayConfig.DEFAULT_CATALOG_CACHE_TTL;

  private static final List<String> URI_PREFIXES =
      List.of("postgres://", "postgresql://", "jdbc:postgresql:");

  private final Map<String, ClientRuntime> clients;
  private final List<AutoCloseable> ownedPools;
  private final Duration catalogCacheTtl;
  private final InstantSource clock;
  private final PoolRetirement retirement = new PoolRetirement();
  private final AtomicBoolean closed = new AtomicBoolean();
  // copy-on-write: requests read it without a lock, register/unregister replace it under one
  private volatile Map<String, Registered> registered = Map.of();

  /** A client registered at runtime, with the pool this backend made for it. */
  private record Registered(ClientRuntime runtime, HikariDataSource pool) {}

  private PostgresBackend(
      Map<String, ClientRuntime> clients,
      List<AutoCloseable> ownedPools,
      Duration catalogCacheTtl,
      InstantSource clock) {
    this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
    this.ownedPools = List.copyOf(ownedPools);
    this.catalogCacheTtl = catalogCacheTtl;
    this.clock = clock;
  }

  /**
   * A backend with one HikariCP pool per PostgreSQL client of {@code config}. Pools connect lazily:
   * a database that is down now answers 503 per request instead of failing this call.
   *
   * @throws IllegalArgumentException when a client's URI cannot be parsed (the message never holds
   *     the URI)
   */
  public static PostgresBackend from(AthenaConfig config) {
    Objects.requireNonNull(config, "config");
    Duration ttl = config.gateway().catalogCacheTtl();
    Map<String, ClientRuntime> clients = new LinkedHashMap<>();
    List<AutoCloseable> pools = new ArrayList<>();
    try {
      for (PostgresClientConfig client : config.postgresClients().values()) {
        HikariDataSource pool = createPool(client);
        pools.add(pool);
        // the pool sets the client's statement_timeout on every session (PoolFactory)
        clients.put(
            client.name(),
            new ClientRuntime(
                client.name(),
                pool,
                ttl,
                InstantSource.system(),
                Optional.of(client.statementTimeout())));
      }
    } catch (RuntimeException e) {
      pools.forEach(PostgresBackend::closeQuietly);
      throw e;
    }
    return new PostgresBackend(clients, pools, ttl, InstantSource.system());
  }

  /** A builder for hosts that bring their own {@link DataSource}s. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The configured clients, then those registered at runtime. */
  @Override
  public Set<String> clients() {
    Map<String, Registered> now = registered;
    if (now.isEmpty()) {
      return clients.keySet();
    }
    Set<String> all = new LinkedHashSet<>(clients.keySet());
    all.addAll(now.keySet());
    return Collections.unmodifiableSet(all);
  }

  /** {@code postgres://}, {@code postgresql://} and {@code jdbc:postgresql:} URIs. */
  @Override
  public boolean supports(String uri) {
    return uri != null
        && URI_PREFIXES.stream().anyMatch(p -> uri.regionMatches(true, 0, p, 0, p.length()));
  }

  @Override
  public void validate(String uri) {
    Objects.requireNonNull(uri, "uri");
    PoolFactory.validate(uri);
  }

  /**
   * Serves {@code client} from a pool of its own with the default pool settings ({@link
   * PostgresClientConfig#of}); registering it again moves it to the new URI, and the old pool is
   * retired: closed once its requests are done, after {@link PoolRetirement#GRACE} at the latest.
   */
  @Override
  public void register(String client, String uri) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(uri, "uri");
    requireRuntimeClient(client);
    PostgresClientConfig config = PostgresClientConfig.of(client, uri);
    HikariDataSource pool = createPool(config);
    ClientRuntime runtime =
        new ClientRuntime(
            client, pool, catalogCacheTtl, clock, Optional.of(config.statementTimeout()));
    Registered previous;
    synchronized (this) {
      if (closed.get()) {
        closeQuietly(pool);
        throw new IllegalStateException("The postgres backend is closed");
      }
      Map<String, Registered> next = new LinkedHashMap<>(registered);
      previous = next.put(client, new Registered(runtime, pool));
      registered = Collections.unmodifiableMap(next);
    }
    if (previous != null) {
      retirement.retire(client, previous.pool());
    }
  }

  /** Stops serving a registered client; its pool is retired as by {@link #register}. */
  @Override
  public void unregister(String client) {
    Objects.requireNonNull(client, "client");
    requireRuntimeClient(client);
    Registered previous;
    synchronized (this) {
      Map<String, Registered> next = new LinkedHashMap<>(registered);
      previous = next.remove(client);
      registered = Collections.unmodifiableMap(next);
    }
    if (previous != null) {
      retirement.retire(client, previous.pool());
    }
  }

  private void requireRuntimeClient(String client) {
    if (clients.containsKey(client)) {
      throw new IllegalStateException(
          "client '" + client + "' is configured; only clients registered at runtime can change");
    }
  }

  /**
   * Runs {@code operation} for {@code client}.
   *
   * @throws GatewayException {@code CLIENT_NOT_FOUND} for a client this backend does not serve, or
   *     the operation's failure
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public OperationResult execute(String client, GatewayOperation operation) {
    return execute(client, operation, ExecutionOptions.none());
  }

  /**
   * Runs {@code operation} for {@code client}, its statements bounded by the smaller of the
   * client's {@code statement_timeout} and {@code options}' timeout (a transaction-local setting).
   *
   * @throws GatewayException as {@link #execute(String, GatewayOperation)}; a statement cut short
   *     by the timeout is 503 {@code statement_timeout}
   */
  @Override
  public OperationResult execute(
      String client, GatewayOperation operation, ExecutionOptions options) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(options, "options");
    if (closed.get()) {
      throw new IllegalStateException("The postgres backend is closed");
    }
    ClientRuntime runtime = runtime(client);
    if (runtime == null) {
      throw new GatewayException(
          ErrorCode.CLIENT_NOT_FOUND, "Client '" + client + "' is not a postgres client");
    }
    return runtime.execute(operation, options);
  }

  /**
   * Runs {@code SELECT 1} on one of {@code client}'s pooled connections, borrowed with a wait of at
   * most half of {@code timeout} (whatever the pool's own connection timeout) and run with the rest
   * as its socket timeout, so a dead or hanging database costs the prober about {@code timeout}. A
   * borrow that times out while every connection is lent out is reported online with a "pool
   * saturated" note: the database is busy, not gone.
   */
  @Override
  public ClientProbe probe(String client, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    ClientRuntime runtime = clients.get(client);
    if (runtime == null) {
      return ClientProbe.offline("not a postgres client of this backend");
    }
    if (closed.get()) {
      return ClientProbe.offline("the postgres backend is closed");
    }
    return runtime.health().probe(timeout);
  }

  /**
   * HikariCP's counters of {@code client}'s pool (active, idle, maximum size, threads waiting);
   * empty for an unknown client or a host data source that is not a started HikariCP pool.
   */
  @Override
  public Optional<PoolSnapshot> pool(String client) {
    ClientRuntime runtime = clients.get(client);
    return runtime == null ? Optional.empty() : runtime.health().pool();
  }

  /** Closes the pools this backend created; host-supplied data sources stay open. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      ownedPools.forEach(PostgresBackend::closeQuietly);
      Map<String, Registered> last;
      synchronized (this) {
        last = registered;
        registered = Map.of();
      }
      last.values().forEach(r -> closeQuietly(r.pool()));
      retirement.close();
    }
  }

  private ClientRuntime runtime(String client) {
    ClientRuntime configured = clients.get(client);
    if (configured != null) {
      return configured;
    }
    Registered runtime = registered.get(client);
    return runtime == null ? null : runtime.runtime();
  }

  private static HikariDataSource createPool(PostgresClientConfig client) {
    try {
      return PoolFactory.create(client);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "postgres client '" + client.name() + "': " + e.getMessage(), e);
    }
  }

  private static ClientRuntime runtime(
      String name, DataSource ds, Duration ttl, InstantSource clock) {
    return new ClientRuntime(name, ds, ttl, clock);
  }

  private static void closeQuietly(AutoCloseable pool) {
    try {
      pool.close();
    } catch (Exception e) {
      LOG.warn("Closing a postgres pool failed", e);
    }
  }

  /** Builds a {@link PostgresBackend} over host-supplied data sources. */
  public static final class Builder {
    private final Map<String, DataSource> dataSources = new LinkedHashMap<>();
    private Duration catalogCacheTtl = DEFAULT_CATALOG_CACHE_TTL;
    private InstantSource clock = InstantSource.system();

    private Builder() {}

    /**
     * Serves client {@code name} from {@code dataSource}, which the host keeps ownership of.
     *
     * @throws IllegalArgumentException for a blank name
     * @throws IllegalStateException when {@code name} was already added
     */
    public Builder client(String name, DataSource dataSource) {
      Objects.requireNonNull(dataSource, "dataSource");
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("client name was '" + name + "' but must not be blank");
      }
      if (dataSources.putIfAbsent(name, dataSource) != null) {
        throw new IllegalStateException("client '" + name + "' was added twice");
      }
      return this;
    }

    /** How long a catalog snapshot is trusted; default {@link #DEFAULT_CATALOG_CACHE_TTL}. */
    public Builder catalogCacheTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("catalogCacheTtl was '" + ttl + "' but is negative");
      }
      this.catalogCacheTtl = ttl;
      return this;
    }

    /** The time source for catalog expiry; tests pass a settable one. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The backend; opens no connection. */
    public PostgresBackend build() {
      Map<String, ClientRuntime> clients = new LinkedHashMap<>();
      dataSources.forEach(
          (name, ds) -> clients.put(name, runtime(name, ds, catalogCacheTtl, clock)));
      return new PostgresBackend(clients, List.of(), catalogCacheTtl, clock);
    }
  }
}
