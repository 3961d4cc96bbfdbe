package io.athena.postgres.controlplane;

import io.athena.spi.telemetry.AuditSink;
import io.athena.spi.telemetry.GatewayEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in the control-plane database: every gateway request becomes a row of {@code
 * gateway_request_log}, and adds to {@code client_statistics} and {@code client_table_statistics}.
 *
 * <p>{@link #record} costs the request thread one offer to a bounded queue: it never blocks, never
 * touches the database and never throws. A full queue drops the record and counts it ({@link
 * #dropped()}, metric {@code athena_audit_records_dropped_total}). One writer thread, {@code
 * athena-audit-writer-1}, started by the first record, writes batches on its own small connection
 * pool (see {@link AuditWriter}), so the audit log never competes with gateway requests for
 * connections. A control plane that goes down costs nothing but the drops beyond the queue; the
 * writer resumes where it stopped once the database is back.
 *
 * <p>Obtained from {@link PostgresControlPlane#auditSink()}.
 */
public final class PostgresAuditSink implements AuditSink {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresAuditSink.class);

  /** How long close() still waits for an abandoned writer to notice. */
  private static final long ABANDON_WAIT_MS = 2_000;

  private final BlockingQueue<GatewayEvent> queue;
  private final AuditWriter writer;
  private final Thread thread;
  private final AuditSettings settings;
  private final LongAdder refused = new LongAdder();
  private volatile boolean started;
  private volatile boolean closing;
  private volatile long leftAtClose;

  PostgresAuditSink(ControlPlaneStore store, DataSource dataSource, AuditSettings settings) {
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.writer = new AuditWriter(store, dataSource, queue, settings, () -> closing);
    this.thread = new Thread(writer, "athena-audit-writer-1");
    thread.setDaemon(true); // a host that forgets close() must still be able to exit
  }

  /**
   * Queues {@code event} for the writer; drops and counts it when the queue is full or the sink is
   * closed. Never blocks.
   */
  @Override
  public void record(GatewayEvent event) {
    if (event == null) {
      return;
    }
    if (closing || !queue.offer(event)) {
      refused.increment();
      return;
    }
    if (!started) {
      start();
    }
  }

  /** Starts the writer thread now rather than at the first record. Idempotent. */
  public synchronized PostgresAuditSink start() {
    if (!started && !closing) {
      thread.start();
      started = true;
    }
    return this;
  }

  /** Records refused (queue full, or closed) plus records the writer gave up on. */
  @Override
  public long dropped() {
    return refused.sum() + writer.dropped() + leftAtClose;
  }

  @Override
  public int queueDepth() {
    return queue.size();
  }

  /** Records written to the control plane so far. */
  public long written() {
    return writer.written();
  }

  /** Request log rows deleted so far for being older than the retention. */
  public long pruned() {
    return writer.pruned();
  }

  /**
   * Writes what is queued, waiting at most the close timeout (5 s unless configured); what is still
   * unwritten then (the control plane is down) is counted as dropped. Later records are dropped and
   * counted. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    if (started) {
      queue.offer(AuditWriter.WAKE);
      stopWriter();
    }
    List<GatewayEvent> left = new ArrayList<>();
    queue.drainTo(left);
    left.removeIf(e -> e == AuditWriter.WAKE);
    leftAtClose = left.size();
    if (dropped() > 0) {
      LOG.info("audit sink closed: {} records written, {} dropped", written(), dropped());
    }
  }

  private void stopWriter() {
    try {
      thread.join(settings.closeTimeout().toMillis());
      if (thread.isAlive()) {
        LOG.warn(
            "the control plane did not take the last audit records within {} ms; counting them"
                + " as dropped",
            settings.closeTimeout().toMillis());
        writer.abandon();
        thread.interrupt();
        thread.join(ABANDON_WAIT_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writer.abandon();
      thread.interrupt();
    }
  }
}
