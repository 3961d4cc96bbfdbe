package io.athena.postgres.jobs;

import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.Secret;
import io.athena.core.jobs.JobNotFoundException;
import io.athena.postgres.internal.PoolFactory;
import io.athena.postgres.internal.jobs.CompletionCombiner;
import io.athena.postgres.internal.jobs.CompletionCombiner.Completion;
import io.athena.postgres.internal.jobs.JobIds;
import io.athena.postgres.internal.jobs.JobReads;
import io.athena.postgres.internal.jobs.JobStoreRuntime;
import io.athena.postgres.internal.jobs.JobTransitions;
import io.athena.postgres.internal.jobs.JobWrites;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobEvent;
import io.athena.spi.jobs.JobFilter;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobPage;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import io.athena.spi.jobs.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The durable job store: jobs, their event logs and leases in PostgreSQL, shared safely by any
 * number of daemons in any number of processes. Claims use {@code FOR UPDATE SKIP LOCKED}, so
 * claimers never block each other and a job is never held by two daemons at once.
 *
 * <pre>{@code
 * PostgresJobStore store = PostgresJobStore.builder(hostDataSource)
 *     .schema("athena")            // default "public"
 *     .build()
 *     .start();                    // creates or migrates the tables; also done on first use
 * Job job = store.submit(JobRequest.of("mail", "{\"to\":\"a@example.com\"}"));
 * }</pre>
 *
 * <p>Every operation is one SQL statement and one round trip (a submit whose idempotency key is
 * taken adds a read of the existing job; the reaper adds the purge of old finished jobs); a state
 * change and its event commit together. Beyond {@link JobStore}, {@link #submitAll} and {@link
 * #completeAll} write whole batches in one statement, and concurrent {@link #complete} calls are
 * folded into one statement (group commit), so a busy daemon pays one round trip per batch rather
 * than per job.
 *
 * <p>All lease and run-at arithmetic uses the injected clock's time, bound as a parameter; the
 * database's {@code now()} is never consulted. Failures are {@link JobStoreException}s ({@link
 * StoreUnavailableException} when retrying later will help). Thread-safe.
 */
public final class PostgresJobStore implements JobStore, AutoCloseable {

  /** The schema the tables live in unless configured otherwise. */
  public static final String DEFAULT_SCHEMA = "public";

  /** The pool size of a store built by {@link #from(String)}. */
  public static final int DEFAULT_POOL_SIZE = 10;

  /** How long ended jobs stay visible after their last change unless configured otherwise. */
  public static final Duration DEFAULT_FINISHED_RETENTION = Duration.ofHours(24);

  /** The most rows one batched statement of {@link #submitAll} or {@link #completeAll} writes. */
  public static final int MAX_BATCH = JobWrites.MAX_BATCH;

  private final JobStoreRuntime runtime;
  private final JobWrites writes;
  private final JobReads reads;
  private final JobTransitions transitions;
  private final CompletionCombiner completions;
  private final Duration finishedRetention;

  private PostgresJobStore(JobStoreRuntime runtime, Duration finishedRetention) {
    this.runtime = runtime;
    this.finishedRetention = finishedRetention;
    this.writes = new JobWrites(runtime);
    this.reads = new JobReads(runtime);
    this.transitions = new JobTransitions(runtime);
    this.completions = new CompletionCombiner(MAX_BATCH, writes::completeBatch);
  }

  /** A builder over a host's data source, which the store never closes. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * A store with its own small HikariCP pool ({@value #DEFAULT_POOL_SIZE} connections, named {@code
   * athena-jobs}) on {@code postgresUri}, in schema {@value #DEFAULT_SCHEMA}, on the system clock.
   * {@link #close()} closes the pool.
   *
   * @param postgresUri {@code postgres://user:password@host:port/database} or a {@code
   *     jdbc:postgresql:} URL
   * @throws IllegalArgumentException when the URI cannot be parsed (the message never holds it)
   */
  public static PostgresJobStore from(String postgresUri) {
    return from(postgresUri, DEFAULT_SCHEMA, InstantSource.system());
  }

  /** As {@link #from(String)}, in {@code schema} and on {@code clock}. */
  public static PostgresJobStore from(String postgresUri, String schema, InstantSource clock) {
    Objects.requireNonNull(postgresUri, "postgresUri");
    var pool =
        PoolFactory.create(
            new PostgresClientConfig(
                "jobs",
                Secret.of(postgresUri),
                DEFAULT_POOL_SIZE,
                PostgresClientConfig.DEFAULT_CONNECTION_TIMEOUT,
                PostgresClientConfig.DEFAULT_STATEMENT_TIMEOUT));
    try {
      return new PostgresJobStore(
          new JobStoreRuntime(pool, schema, clock, pool), DEFAULT_FINISHED_RETENTION);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Creates or migrates the tables (serialized across processes by an advisory lock). Idempotent;
   * operations call it themselves when needed, so calling it only moves the work to a known time.
   *
   * @return this store
   * @throws StoreUnavailableException when the database cannot be reached
   */
  public PostgresJobStore start() {
    runtime.start();
    return this;
  }

  /** The daemon registry on the same database, schema and clock. */
  public PostgresDaemonRegistry daemonRegistry() {
    return new PostgresDaemonRegistry(runtime);
  }

  @Override
  public Job submit(JobRequest request) {
    Objects.requireNonNull(request, "request");
    return writes.submitAll(List.of(request)).get(0);
  }

  /**
   * Submits many jobs, {@value #MAX_BATCH} per statement: the answer lists the job of each request
   * in request order (the existing job where an idempotency key was already taken, also by an
   * earlier request of the same list). Each statement is atomic; after a failure part-way, earlier
   * statements stay committed, so resubmit with idempotency keys when that matters.
   */
  public List<Job> submitAll(List<JobRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    requests.forEach(r -> Objects.requireNonNull(r, "requests must not hold null"));
    return requests.isEmpty() ? List.of() : writes.submitAll(requests);
  }

  @Override
  public Optional<Job> get(JobId id) {
    Objects.requireNonNull(id, "id");
    return reads.get(id);
  }

  /**
   * @throws IllegalArgumentException when the filter's cursor is not one this store issued
   */
  @Override
  public JobPage list(JobFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return reads.list(filter);
  }

  @Override
  public List<Job> claim(String daemonId, Set<String> families, int max, Duration lease) {
    requireDaemon(daemonId);
    Objects.requireNonNull(families, "families");
    requireLease(lease);
    if (max < 1) {
      throw new IllegalArgumentException("max was " + max + " but must be >= 1");
    }
    if (families.isEmpty()) {
      return List.of();
    }
    return transitions.claim(daemonId, families, max, lease);
  }

  @Override
  public boolean heartbeat(JobId id, String daemonId, Duration lease) {
    Objects.requireNonNull(id, "id");
    requireLease(lease);
    return transitions.heartbeat(id, daemonId, lease);
  }

  /**
   * Completes a held job. Concurrent calls are written together in one statement (each caller still
   * gets its own answer), so many workers completing at once cost one round trip.
   */
  @Override
  public boolean complete(JobId id, String daemonId, String result) {
    Objects.requireNonNull(id, "id");
    UUID uuid = JobIds.parse(id);
    if (uuid == null || daemonId == null) {
      return false;
    }
    return completions.complete(new Completion(uuid, daemonId, result));
  }

  /**
   * Completes many jobs held by {@code daemonId} in statements of {@value #MAX_BATCH}.
   *
   * @param results job id → JSON result (null values allowed)
   * @return the ids that were completed; the others were not held by the daemon any more
   */
  @Override
  public Set<JobId> completeAll(String daemonId, Map<JobId, String> results) {
    requireDaemon(daemonId);
    Objects.requireNonNull(results, "results");
    return results.isEmpty() ? Set.of() : writes.completeAll(daemonId, results);
  }

  @Override
  public boolean fail(JobId id, String daemonId, String error, Instant retryAt) {
    Objects.requireNonNull(id, "id");
    return transitions.fail(id, daemonId, error, retryAt);
  }

  /** Gives a held job back unstarted, without the attempt its claim counted (one statement). */
  @Override
  public boolean release(JobId id, String daemonId) {
    Objects.requireNonNull(id, "id");
    return transitions.release(id, daemonId);
  }

  @Override
  public boolean cancel(JobId id) {
    Objects.requireNonNull(id, "id");
    return transitions.cancel(id);
  }

  @Override
  public Optional<Job> retry(JobId id) {
    Objects.requireNonNull(id, "id");
    return transitions.retry(id);
  }

  /**
   * Returns lapsed leases to the queue (one statement), then deletes jobs that ended more than the
   * finished-job retention ago, with their events, so the tables do not grow without bound.
   */
  @Override
  public int reapExpiredLeases() {
    int reaped = transitions.reapExpiredLeases();
    transitions.purgeFinished(finishedRetention);
    return reaped;
  }

  /**
   * @throws JobNotFoundException when no job has this id
   */
  @Override
  public void appendEvent(
      JobId id, String daemonId, String level, String kind, String message, String details) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(kind, "kind");
    if (!transitions.appendEvent(id, daemonId, level, kind, message, details)) {
      throw new JobNotFoundException(id);
    }
  }

  @Override
  public List<JobEvent> events(JobId id) {
    Objects.requireNonNull(id, "id");
    return reads.events(id);
  }

  @Override
  public Map<String, Map<JobStatus, Long>> depth() {
    return reads.depth();
  }

  /** Closes the pool built by {@link #from}; a host's data source stays open. Idempotent. */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "PostgresJobStore[schema=" + runtime.sql().schema() + "]";
  }

  private static void requireDaemon(String daemonId) {
    if (daemonId == null || daemonId.isBlank()) {
      throw new IllegalArgumentException("daemonId must not be blank");
    }
  }

  private static void requireLease(Duration lease) {
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease was " + lease + " but must be positive");
    }
  }

  /** Builds a {@link PostgresJobStore} over a host's data source. */
  public static final class Builder {
    private final DataSource dataSource;
    private String schema = DEFAULT_SCHEMA;
    private InstantSource clock = InstantSource.system();
    private Duration finishedRetention = DEFAULT_FINISHED_RETENTION;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The schema of the tables, created when missing; default {@value #DEFAULT_SCHEMA}.
     *
     * @param schema 1-63 ASCII letters, digits, {@code _} or {@code $}; used quoted, so case
     *     matters
     */
    public Builder schema(String schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /** Where leases, run-at and event times come from; default the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long ended (completed, failed, cancelled) jobs and their events are kept after their last
     * change; {@link PostgresJobStore#reapExpiredLeases()} deletes older ones. Default {@link
     * PostgresJobStore#DEFAULT_FINISHED_RETENTION} (24 h), as the in-memory store. An idempotency
     * key is free again once its job is deleted.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder finishedRetention(Duration retention) {
      Objects.requireNonNull(retention, "finishedRetention");
      if (retention.isNegative()) {
        throw new IllegalArgumentException(
            "finishedRetention was " + retention + " but must not be negative");
      }
      this.finishedRetention = retention;
      return this;
    }

    /**
     * The store; touches nothing until {@link PostgresJobStore#start()} or the first operation.
     *
     * @throws IllegalArgumentException when the schema name is not valid
     */
    public PostgresJobStore build() {
      return new PostgresJobStore(
          new JobStoreRuntime(dataSource, schema, clock, null), finishedRetention);
    }
  }
}
