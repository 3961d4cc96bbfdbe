package io.athena.core.daemon;

import io.athena.spi.jobs.JobHandler;
import io.athena.spi.jobs.JobId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The attempts of one family: at most {@code concurrency} at a time, on threads named {@code
 * athena-daemon-<family>-N} (or on the host's executor, bounded all the same).
 */
final class FamilyWorkers {
  private final String family;
  private final JobHandler handler;
  private final int concurrency;
  private final Executor executor;
  private final ExecutorService owned;
  private final Set<Attempt> running = ConcurrentHashMap.newKeySet();

  FamilyWorkers(String family, JobHandler handler, int concurrency, Executor hostExecutor) {
    this.family = family;
    this.handler = handler;
    this.concurrency = concurrency;
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

  /** Free slots; only the poller takes slots, so this never overstates. */
  int free() {
    return Math.max(0, concurrency - running.size());
  }

  List<Attempt> running() {
    return List.copyOf(running);
  }

  boolean isRunning(Attempt attempt) {
    return running.contains(attempt);
  }

  Optional<Attempt> find(JobId id) {
    return running.stream().filter(a -> a.job().id().equals(id)).findFirst();
  }

  /**
   * @throws RejectedExecutionException when the executor refuses the attempt
   */
  void start(Attempt attempt) {
    running.add(attempt);
    try {
      executor.execute(attempt);
    } catch (RejectedExecutionException e) {
      running.remove(attempt);
      throw e;
    }
  }

  void ended(Attempt attempt) {
    running.remove(attempt);
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
