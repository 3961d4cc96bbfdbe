package io.athena.postgres.controlplane;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.ControlPlaneConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.controlplane.ControlPlane;
import io.athena.postgres.internal.PoolFactory;
import io.athena.postgres.internal.SqlExceptions;
import io.athena.postgres.internal.migrations.SchemaName;
import io.athena.spi.telemetry.ControlPlaneUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane in a PostgreSQL database: the audit log ({@link PostgresAuditSink}), the
 * statistics read from it ({@link PostgresRequestStatistics}) and the client catalog ({@link
 * PostgresClientCatalog}), in tables created and upgraded by versioned migrations (component {@code
 * control_plane} in {@code athena_schema_migrations}) the first time any of them is needed. Several
 * processes starting at once take turns on an advisory lock.
 *
 * <pre>{@code
 * // from gateway.logging_client (what Athena.fromConfig does):
 * PostgresControlPlane controlPlane = PostgresControlPlane.from(config);
 * // or on the host's own data source:
 * PostgresControlPlane controlPlane = PostgresControlPlane.builder(dataSource).build();
 * Athena athena = Athena.builder().config(config).controlPlane(controlPlane).build();
 * }</pre>
 *
 * <p>Building connects to nothing: a control plane that is down at start costs audit records beyond
 * the queue and 503 answers from the statistics routes, never the start.
 */
public final class PostgresControlPlane implements ControlPlane {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresControlPlane.class);

  /** Connections of the audit writer's own pool: one writes, one spare for a replaced one. */
  public static final int AUDIT_POOL_SIZE = 2;

  /** Connections of the pool the catalog and the statistics routes read through. */
  public static final int READ_POOL_SIZE = 3;

  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_MIN_RETRY_BACKOFF = Duration.ofMillis(100);
  public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(5);

  private final ControlPlaneStore store;
  private final DataSource auditDataSource;
  private final PostgresAuditSink auditSink;
  private final PostgresRequestStatistics statistics;
  private final PostgresClientCatalog catalog;
  private final List<AutoCloseable> ownedPools;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PostgresControlPlane(Builder b, List<AutoCloseable> ownedPools) {
    this.store = new ControlPlaneStore(new SchemaName(b.schema), b.dataSource, b.clock);
    this.auditDataSource = b.auditDataSource != null ? b.auditDataSource : b.dataSource;
    this.auditSink = new PostgresAuditSink(store, auditDataSource, b.settings());
    this.statistics = new PostgresRequestStatistics(store);
    this.catalog = new PostgresClientCatalog(store);
    this.ownedPools = List.copyOf(ownedPools);
  }

  /**
   * The control plane in the database of {@code gateway.logging_client}, with the {@code
   * control_plane.*} settings, on two small pools of its own (audit {@value #AUDIT_POOL_SIZE}
   * connections, reads {@value #READ_POOL_SIZE}) so that it never takes the gateway's connections.
   * {@link #close()} closes them.
   *
   * @throws IllegalArgumentException when no logging client is configured, or its URI is invalid
   */
  public static PostgresControlPlane from(AthenaConfig config) {
    ControlPlaneConfig settings = config.observability().controlPlane();
    String name =
        settings
            .loggingClient()
            .orElseThrow(
                () -> new IllegalArgumentException("gateway.logging_client is not configured"));
    PostgresClientConfig client = config.postgresClients().get(name);
    if (client == null) {
      throw new IllegalArgumentException(
          "gateway.logging_client names '" + name + "', which is not a postgres client");
    }
    List<AutoCloseable> pools = new ArrayList<>();
    try {
      HikariDataSource reads = pool(client, "control-plane", READ_POOL_SIZE);
      pools.add(reads);
      HikariDataSource audit = pool(client, "control-plane-audit", AUDIT_POOL_SIZE);
      pools.add(audit);
      return builder(reads)
          .auditDataSource(audit)
          .auditQueueCapacity(settings.auditQueueCapacity())
          .auditBatchSize(settings.auditBatchSize())
          .auditFlushInterval(settings.auditFlushInterval())
          .requestLogRetention(settings.requestLogRetention())
          .buildOwning(pools);
    } catch (RuntimeException e) {
      pools.forEach(PostgresControlPlane::closeQuietly);
      throw e;
    }
  }

  /** A control plane on the host's data source, which the host keeps ownership of. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  @Override
  public PostgresAuditSink auditSink() {
    return auditSink;
  }

  @Override
  public PostgresRequestStatistics statistics() {
    return statistics;
  }

  @Override
  public PostgresClientCatalog catalog() {
    return catalog;
  }

  /**
   * Creates or upgrades the tables now rather than on first use.
   *
   * @return the versions applied by this call (empty when they were in place)
   * @throws ControlPlaneUnavailableException when the database cannot be reached or refuses
   */
  public List<Integer> migrate() {
    try {
      return store.migrate(auditDataSource);
    } catch (SQLException e) {
      throw new ControlPlaneUnavailableException(
          "Control plane could not migrate schema '"
              + store.schema().name()
              + "': "
              + SqlExceptions.summary(e),
          e);
    }
  }

  /** Flushes the audit sink (within its close timeout), then closes the pools it built. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    auditSink.close();
    ownedPools.forEach(PostgresControlPlane::closeQuietly);
  }

  private static HikariDataSource pool(PostgresClientConfig client, String name, int size) {
    return PoolFactory.create(
        new PostgresClientConfig(
            name, client.uri(), size, client.connectionTimeout(), client.statementTimeout()));
  }

  private static void closeQuietly(AutoCloseable pool) {
    try {
      pool.close();
    } catch (Exception e) {
      LOG.warn("closing a control-plane pool failed", e);
    }
  }

  /** Builds a {@link PostgresControlPlane}; {@link #build()} connects to nothing. */
  public static final class Builder {
    private final DataSource dataSource;
    private DataSource auditDataSource;
    private String schema = "public";
    private int queueCapacity = ControlPlaneConfig.DEFAULT_AUDIT_QUEUE_CAPACITY;
    private int batchSize = ControlPlaneConfig.DEFAULT_AUDIT_BATCH_SIZE;
    private Duration flushInterval = ControlPlaneConfig.DEFAULT_AUDIT_FLUSH_INTERVAL;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Duration minRetryBackoff = DEFAULT_MIN_RETRY_BACKOFF;
    private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;
    private InstantSource clock = InstantSource.system();
    private Duration requestLogRetention = ControlPlaneConfig.DEFAULT_REQUEST_LOG_RETENTION;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * A separate data source for the audit writer (keep it small: one connection writes); the main
     * one unless set.
     */
    public Builder auditDataSource(DataSource auditDataSource) {
      this.auditDataSource = Objects.requireNonNull(auditDataSource, "auditDataSource");
      return this;
    }

    /** The schema of the tables, created if missing; {@code public} unless set. */
    public Builder schema(String schema) {
      this.schema = new SchemaName(schema).name();
      return this;
    }

    /** Records waiting to be written at most; default 20 000. */
    public Builder auditQueueCapacity(int capacity) {
      this.queueCapacity = atLeastOne("auditQueueCapacity", capacity);
      return this;
    }

    /** Records per write at most; default 500. */
    public Builder auditBatchSize(int batchSize) {
      this.batchSize = atLeastOne("auditBatchSize", batchSize);
      return this;
    }

    /** How long a record waits for its batch to fill at most; default 500 ms. */
    public Builder auditFlushInterval(Duration interval) {
      this.flushInterval = positive("auditFlushInterval", interval);
      return this;
    }

    /** How long {@code close()} waits for the queue to be written; default 5 s. */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = positive("closeTimeout", timeout);
      return this;
    }

    /**
     * Pauses between retries while the control plane is unreachable, doubling from {@code min} to
     * {@code max}; default 100 ms to 5 s.
     */
    public Builder retryBackoff(Duration min, Duration max) {
      positive("minRetryBackoff", min);
      positive("maxRetryBackoff", max);
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException(
            "maxRetryBackoff was '" + max + "' but must not be shorter than " + min);
      }
      this.minRetryBackoff = min;
      this.maxRetryBackoff = max;
      return this;
    }

    /**
     * How long rows of the request log are kept: the writer deletes older ones (by request time) in
     * bounded chunks, at most once a minute. Zero, the default, keeps every row. The statistics are
     * running totals and are not touched.
     */
    public Builder requestLogRetention(Duration retention) {
      Objects.requireNonNull(retention, "requestLogRetention");
      if (retention.isNegative()) {
        throw new IllegalArgumentException(
            "requestLogRetention was '" + retention + "' but must not be negative");
      }
      this.requestLogRetention = retention;
      return this;
    }

    /** The time source of migration records and of the retention; the system clock unless set. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public PostgresControlPlane build() {
      return buildOwning(List.of());
    }

    private PostgresControlPlane buildOwning(List<AutoCloseable> pools) {
      return new PostgresControlPlane(this, pools);
    }

    private AuditSettings settings() {
      return new AuditSettings(
          queueCapacity,
          batchSize,
          flushInterval,
          closeTimeout,
          minRetryBackoff,
          maxRetryBackoff,
          requestLogRetention,
          clock);
    }

    private static int atLeastOne(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " was " + value + " but must be at least 1");
      }
      return value;
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " was '" + value + "' but must be positive");
      }
      return value;
    }
  }
}
