package io.athena.postgres.controlplane;

import io.athena.postgres.internal.SqlExceptions;
import io.athena.spi.telemetry.GatewayEvent;
import io.athena.spi.telemetry.GatewayOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit sink's one writer thread. It takes a batch off the queue (once {@code batchSize}
 * records wait, or {@code flushInterval} after the first of them arrived) and writes it in one
 * transaction: one COPY into the request log and one upsert per statistics table carrying the
 * batch's counts added up in memory.
 *
 * <p>While the control plane is unreachable it keeps its batch and retries with capped exponential
 * backoff, so nothing is lost that fits the queue; the queue stays bounded and the request threads
 * drop (and count) what does not fit. A batch PostgreSQL refuses for any other reason is dropped
 * and counted, so one bad batch never wedges the log. The loop never dies; it warns once per outage
 * and logs the repeats at DEBUG.
 */
final class AuditWriter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

  /** How long an idle writer waits on an empty queue before looking at its state again. */
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);

  /** How often, at most, the writer prunes the request log (after a batch it wrote). */
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  /** Rows one pruning statement deletes at most. */
  static final int PRUNE_CHUNK = 10_000;

  /** Statements one pruning round runs at most, so that a backlog never stalls the writer long. */
  private static final int PRUNE_CHUNKS_PER_ROUND = 10;

  /** How long the writer naps between drains while it gathers a batch. */
  private static final Duration NAP = Duration.ofMillis(10);

  /** Handed to the queue by {@code close()} to wake a writer waiting on an empty queue. */
  static final GatewayEvent WAKE =
      GatewayEvent.builder(Instant.EPOCH, GatewayOutcome.SUCCESS).build();

  /** How a batch ended. */
  enum Outcome {
    WRITTEN,
    RETRY,
    DROPPED
  }

  private final ControlPlaneStore store;
  private final DataSource dataSource;
  private final BlockingQueue<GatewayEvent> queue;
  private final int batchSize;
  private final long flushIntervalNanos;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final BooleanSupplier closing;
  private final Duration retention;
  private final InstantSource clock;
  private final AtomicLong pruned = new AtomicLong();
  private long nextPruneNanos = System.nanoTime();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean abandoned;
  private long failingSince;

  AuditWriter(
      ControlPlaneStore store,
      DataSource dataSource,
      BlockingQueue<GatewayEvent> queue,
      AuditSettings settings,
      BooleanSupplier closing) {
    this.store = store;
    this.dataSource = dataSource;
    this.queue = queue;
    this.batchSize = settings.batchSize();
    this.flushIntervalNanos = settings.flushInterval().toNanos();
    this.minBackoff = settings.minRetryBackoff();
    this.maxBackoff = settings.maxRetryBackoff();
    this.closing = closing;
    this.retention = settings.requestLogRetention();
    this.clock = settings.clock();
  }

  /** Request log rows deleted for being older than the retention. */
  long pruned() {
    return pruned.get();
  }

  long written() {
    return written.get();
  }

  /** Records the writer took off the queue and will never write. */
  long dropped() {
    return dropped.get();
  }

  /** Stops retrying: what the writer holds is counted as dropped and it ends. */
  void abandon() {
    abandoned = true;
  }

  @Override
  public void run() {
    List<GatewayEvent> batch = new ArrayList<>(batchSize);
    Duration backoff = minBackoff;
    try {
      while (!abandoned) {
        if (batch.isEmpty() && !collect(batch)) {
          return; // closing, and nothing is left
        }
        if (batch.isEmpty()) {
          continue;
        }
        Outcome outcome = write(batch);
        if (outcome == Outcome.WRITTEN) {
          pruneWhenDue();
        }
        if (outcome != Outcome.RETRY) {
          batch.clear();
          backoff = minBackoff;
          continue;
        }
        Thread.sleep(backoff.toMillis());
        backoff = longer(backoff);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // close() gave up waiting; count what is held below
    } finally {
      dropped.addAndGet(batch.size());
    }
  }

  private Duration longer(Duration backoff) {
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
  }

  /**
   * Waits for the first record, then gathers more until the batch is full or the flush interval
   * since the first has passed. Returns false once closing with an empty queue.
   *
   * <p>Only the first record wakes the writer. After it the writer naps and drains instead of
   * waiting on the queue: a writer waiting on the queue is woken by every offer, which costs each
   * request thread a wake-up (a system call and a context switch) under load.
   */
  private boolean collect(List<GatewayEvent> batch) throws InterruptedException {
    boolean closingNow = closing.getAsBoolean();
    GatewayEvent first =
        closingNow ? queue.poll() : queue.poll(IDLE_POLL.toNanos(), TimeUnit.NANOSECONDS);
    if (first == null) {
      return !closingNow;
    }
    add(batch, first);
    long deadline = System.nanoTime() + flushIntervalNanos;
    while (true) {
      queue.drainTo(batch, batchSize - batch.size());
      long left = deadline - System.nanoTime();
      if (batch.size() >= batchSize || closing.getAsBoolean() || left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(left, NAP.toNanos()));
    }
    batch.removeIf(e -> e == WAKE);
    return true;
  }

  private static void add(List<GatewayEvent> batch, GatewayEvent event) {
    if (event != WAKE) {
      batch.add(event);
    }
  }

  Outcome write(List<GatewayEvent> batch) {
    try {
      store.migrate(dataSource);
      insert(batch, StatisticsDeltas.of(batch));
      written.addAndGet(batch.size());
      recovered();
      return Outcome.WRITTEN;
    } catch (SQLException e) {
      if (abandoned) {
        dropped.addAndGet(batch.size()); // close() gave up on the control plane and says so
        return Outcome.DROPPED;
      }
      if (SqlExceptions.isTransient(e)) {
        unreachable(batch.size(), SqlExceptions.summary(e));
        return Outcome.RETRY;
      }
      return drop(batch, SqlExceptions.summary(e), null);
    } catch (RuntimeException e) {
      return drop(batch, e.toString(), e);
    }
  }

  private void insert(List<GatewayEvent> batch, StatisticsDeltas deltas) throws SQLException {
    ControlPlaneSql sql = store.sql();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        copy(c, sql.copyRequests(), AuditRows.encode(batch));
        if (!deltas.clients().isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement(sql.addClientStatistics())) {
            AuditRows.bindClients(c, ps, deltas.clients());
            ps.executeUpdate();
          }
        }
        if (!deltas.tables().isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement(sql.addTableStatistics())) {
            AuditRows.bindTables(c, ps, deltas.tables());
            ps.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    }
  }

  /**
   * Streams {@code rows} through COPY, on the driver's own connection: the pool's proxy never sees
   * a failure there, so it would hand a broken connection out again (and validation is skipped for
   * one used moments ago: the writer would retry on it forever), and a COPY that fails half way
   * leaves the driver's connection locked to it. So on any failure the physical connection is
   * aborted; the next call through the proxy fails fast and the pool replaces it.
   */
  private static void copy(Connection c, String copySql, byte[] rows) throws SQLException {
    try {
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
      copy.writeToCopy(rows, 0, rows.length);
      copy.endCopy();
    } catch (SQLException | RuntimeException e) {
      abortQuietly(c);
      throw e;
    }
  }

  private static void abortQuietly(Connection c) {
    try {
      c.abort(Runnable::run);
    } catch (SQLException | RuntimeException ignored) {
      // already closed: nothing left to free
    }
  }

  /**
   * Deletes request log rows older than the retention, in chunks, at most once per {@link
   * #PRUNE_EVERY}. A failure is logged and tried again next time: pruning never holds up the log.
   */
  private void pruneWhenDue() {
    if (retention.isZero() || System.nanoTime() - nextPruneNanos < 0) {
      return;
    }
    nextPruneNanos = System.nanoTime() + PRUNE_EVERY.toNanos();
    Instant before = clock.instant().minus(retention);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(store.sql().pruneRequests())) {
      ps.setObject(1, before.atOffset(ZoneOffset.UTC));
      ps.setInt(2, PRUNE_CHUNK);
      for (int chunk = 0; chunk < PRUNE_CHUNKS_PER_ROUND; chunk++) {
        int deleted = ps.executeUpdate();
        pruned.addAndGet(deleted);
        if (deleted < PRUNE_CHUNK) {
          break;
        }
      }
    } catch (SQLException e) {
      LOG.warn(
          "pruning the request log of rows before {} failed; trying again in {}: {}",
          before,
          PRUNE_EVERY,
          SqlExceptions.summary(e));
    }
  }

  private Outcome drop(List<GatewayEvent> batch, String why, RuntimeException e) {
    dropped.addAndGet(batch.size());
    LOG.warn(
        "audit batch of {} records dropped: the control plane refused it: {}",
        batch.size(),
        why,
        e);
    return Outcome.DROPPED;
  }

  private void unreachable(int held, String why) {
    if (failingSince == 0) {
      failingSince = System.nanoTime();
      LOG.warn(
          "control plane unreachable ({}); holding {} audit records and retrying at least every"
              + " {} ms; records beyond the queue's capacity are dropped and counted",
          why,
          held,
          maxBackoff.toMillis());
    } else {
      LOG.debug("control plane still unreachable ({})", why);
    }
  }

  private void recovered() {
    if (failingSince != 0) {
      Duration down = Duration.ofNanos(System.nanoTime() - failingSince);
      failingSince = 0;
      LOG.info("control plane reachable again after {} ms; audit records flow", down.toMillis());
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool replaces it
    }
  }
}
