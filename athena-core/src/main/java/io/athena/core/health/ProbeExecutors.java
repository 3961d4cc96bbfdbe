package io.athena.core.health;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Where the prober's rounds are scheduled and its probes run; tests run them inline. */
interface ProbeExecutors {
  /** Probe threads: enough that a few hanging databases do not delay the others' probes. */
  int PROBE_THREADS = 4;

  /** Runs {@code round} now and then every {@code interval}. */
  void schedule(Runnable round, Duration interval);

  /** Runs single probes. */
  Executor probes();

  /** Stops both; probes stuck in a driver may ignore the interrupt (their threads are daemons). */
  void shutdown();

  /**
   * Daemon threads {@code athena-health-1} and {@code athena-health-probe-N}, made on first use.
   */
  static ProbeExecutors threads() {
    return new Threads();
  }

  /** The real executors. */
  final class Threads implements ProbeExecutors {
    private ScheduledExecutorService scheduler;
    private ExecutorService probes;
    private boolean stopped;

    private Threads() {}

    @Override
    public synchronized void schedule(Runnable round, Duration interval) {
      if (stopped) {
        throw new RejectedExecutionException("the health prober is closed");
      }
      if (scheduler == null) {
        scheduler = new ScheduledThreadPoolExecutor(1, named("athena-health-"));
      }
      scheduler.scheduleAtFixedRate(round, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized Executor probes() {
      if (stopped) {
        return task -> {
          throw new RejectedExecutionException("the health prober is closed");
        };
      }
      if (probes == null) {
        ThreadPoolExecutor executor =
            new ThreadPoolExecutor(
                PROBE_THREADS,
                PROBE_THREADS,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                named("athena-health-probe-"));
        executor.allowCoreThreadTimeOut(true);
        probes = executor;
      }
      return probes;
    }

    @Override
    public synchronized void shutdown() {
      stopped = true;
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
      if (probes != null) {
        probes.shutdownNow();
      }
    }

    private static ThreadFactory named(String prefix) {
      AtomicInteger count = new AtomicInteger();
      return runnable -> {
        Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }
  }
}
