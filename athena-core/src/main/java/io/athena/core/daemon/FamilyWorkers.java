package io.athena.core.daemon;

import io.athena.spi.jobs.JobHandler;
import io.athena.spi.jobs.JobId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The attempts of one family: at most {@code concurrency} running at a time, on threads named
 * {@code athena-daemon-<family>-N} (or on the host's executor, bounded all the same), and up to
 * {@code claimAhead} more claimed and waiting for a slot. The waiting ones let a claim fetch a
 * whole batch, and a worker that finishes starts the next job at once instead of waiting for the
 * poller and a round trip to the store.
 */
final class FamilyWorkers {
  private final String family;
  private final JobHandler handler;
  private final int concurrency;
  private final int claimAhead;
  private final Executor executor;
  private final ExecutorService owned;
  private final Consumer<Attempt> onRefused;
  // guarded by this: which attempts hold a slot, and which wait for one (claim order)
  private final Set<Attempt> running = new HashSet<>();
  private final ArrayDeque<Attempt> waiting = new ArrayDeque<>();
  private boolean starting = true;

  /**
   * @param onRefused gets an attempt the executor refused; it never ran
   */
  FamilyWorkers(
      String family,
      JobHandler handler,
      int concurrency,
      int claimAhead,
      Executor hostExecutor,
      Consumer<Attempt> onRefused) {
    this.family = family;
    this.handler = handler;
    this.concurrency = concurrency;
    this.claimAhead = claimAhead;
    this.onRefused = onRefused;
    this.owned =
        hostExecutor == null
            ? Executors.newFixedThreadPool(
                concurrency, new DaemonThreads("athena-daemon-" + family))
            : null;
    this.executor = hostExecutor == null ? owned : hostExecutor;
  }

  String family() {
    return family;
  }

  JobHandler handler() {
    return handler;
  }

  /**
   * How many jobs a claim may take now: free slots plus free places in the claim-ahead buffer. Only
   * the poller adds jobs, so this never overstates.
   */
  synchronized int room() {
    return Math.max(0, concurrency + claimAhead - running.size() - waiting.size());
  }

  /**
   * Whether a claim is worth a round trip: the room is at least half the buffer (so claims come in
   * batches, not one job per finished attempt), or a slot is free and nothing waits for it.
   */
  synchronized boolean wantsClaim() {
    int room = room();
    return room > 0
        && (room >= Math.max(1, claimAhead / 2)
            || (waiting.isEmpty() && running.size() < concurrency));
  }

  synchronized int runningCount() {
    return running.size();
  }

  synchronized List<Attempt> running() {
    return List.copyOf(running);
  }

  synchronized List<Attempt> waiting() {
    return List.copyOf(waiting);
  }

  synchronized boolean isRunning(Attempt attempt) {
    return running.contains(attempt);
  }

  synchronized Optional<Attempt> findRunning(JobId id) {
    return running.stream().filter(a -> a.job().id().equals(id)).findFirst();
  }

  /** Takes a waiting job out of the buffer so it never starts; true when it was waiting. */
  synchronized boolean withdraw(JobId id) {
    return waiting.removeIf(a -> a.job().id().equals(id));
  }

  /** Queues freshly claimed attempts and starts as many as there are free slots. */
  void offer(Collection<Attempt> claimed) {
    synchronized (this) {
      waiting.addAll(claimed);
    }
    dispatch();
  }

  void ended(Attempt attempt) {
    synchronized (this) {
      running.remove(attempt);
    }
    dispatch();
  }

  // The executor is called outside the lock: a host executor may run the task on this thread.
  private void dispatch() {
    while (true) {
      Attempt next;
      synchronized (this) {
        if (!starting || running.size() >= concurrency || waiting.isEmpty()) {
          return;
        }
        next = waiting.poll();
        running.add(next);
      }
      try {
        executor.execute(next);
      } catch (RejectedExecutionException e) {
        synchronized (this) {
          running.remove(next);
        }
        onRefused.accept(next);
      }
    }
  }

  /** Starts nothing more and hands back the attempts that were waiting (they never ran). */
  synchronized List<Attempt> stopStarting() {
    starting = false;
    List<Attempt> left = new ArrayList<>(waiting);
    waiting.clear();
    return left;
  }

  /** Gives up on every running attempt: results are dropped and handlers interrupted. */
  int abandonAll() {
    List<Attempt> left = running();
    left.forEach(Attempt::abandon);
    return left.size();
  }

  /** Lets our own threads end once their attempts return; a host executor is the host's. */
  void shutdown() {
    if (owned != null) {
      owned.shutdown();
    }
  }
}
