package io.athena.core.daemon;

import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records finished attempts' results with {@link JobStore#completeAll} in batches, on its own
 * thread ({@code athena-daemon-completer-1}): a batch is written when it holds {@code maxBatch}
 * results or {@code flushDelay} after its first one, whichever comes first. A worker hands its
 * result over and takes the next job at once; with fast jobs one statement then records dozens of
 * them instead of one round trip and commit each.
 *
 * <p>{@link #close} writes everything queued before it returns; a result handed over after that is
 * written at once on the caller's thread, so no result of a finished attempt is ever lost.
 */
final class CompletionBatcher {
  private static final Logger LOG = LoggerFactory.getLogger(AthenaDaemon.class);

  /** One finished attempt and its JSON result (may be null). */
  private record Finished(Attempt attempt, String result) {}

  /** Queued last by {@link #close}: the thread writes what came before it, then ends. */
  private static final Finished STOP = new Finished(null, null);

  private final JobStore store;
  private final String daemonId;
  private final int maxBatch;
  private final long flushDelayNanos;
  private final LinkedBlockingQueue<Finished> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private boolean closed; // guarded by this

  CompletionBatcher(DaemonSettings s) {
    this.store = s.store();
    this.daemonId = s.daemonId();
    this.maxBatch = s.completionBatchSize();
    this.flushDelayNanos = s.completionFlushDelay().toNanos();
    this.thread = new DaemonThreads("athena-daemon-completer").newThread(this::loop);
  }

  void start() {
    thread.start();
  }

  /** Records a finished attempt's result, soon (batched) or, once closed, right now. */
  void add(Attempt attempt, String result) {
    Finished finished = new Finished(attempt, result);
    synchronized (this) {
      if (!closed) {
        queue.add(finished);
        return;
      }
    }
    write(List.of(finished));
  }

  /** Writes what is queued and stops the thread, waiting for it until {@code deadline} (nanos). */
  void close(long deadline) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    try {
      long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      thread.join(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    List<Finished> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      try {
        stop = collect(batch);
      } catch (InterruptedException e) {
        stop = true; // not ours to interrupt; write what we have and end
      }
      if (!batch.isEmpty()) {
        write(batch);
        batch.clear();
      }
    }
  }

  /** Fills {@code batch} up to the size or the delay; true when {@link #close} asked to stop. */
  private boolean collect(List<Finished> batch) throws InterruptedException {
    Finished next = queue.take();
    long deadline = System.nanoTime() + flushDelayNanos;
    while (next != STOP) {
      batch.add(next);
      if (batch.size() >= maxBatch) {
        return false;
      }
      next = queue.poll();
      if (next == null) {
        long left = deadline - System.nanoTime();
        next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
        if (next == null) {
          return false;
        }
      }
    }
    return true;
  }

  private void write(List<Finished> batch) {
    Map<JobId, String> results = new LinkedHashMap<>();
    batch.forEach(f -> results.put(f.attempt().job().id(), f.result()));
    Set<JobId> completed;
    try {
      completed = store.completeAll(daemonId, results);
    } catch (RuntimeException e) {
      LOG.warn(
          "daemon {} could not record the results of {} jobs {}; their leases will lapse and the"
              + " jobs will run again",
          daemonId,
          results.size(),
          results.keySet(),
          e);
      batch.forEach(f -> f.attempt().unrecorded());
      return;
    }
    batch.forEach(f -> f.attempt().recorded(completed.contains(f.attempt().job().id())));
  }
}
