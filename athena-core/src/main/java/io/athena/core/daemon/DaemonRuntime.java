package io.athena.core.daemon;

import io.athena.core.jobs.JobListener;
import io.athena.spi.jobs.DaemonInfo;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started daemon's machinery: the poll loop (claims for families with free slots, and reaps
 * lapsed leases) on one thread, the heartbeat loop (renews leases of running attempts, proves the
 * daemon alive) on another, so a slow claim never delays a lease renewal. Every loop catches its
 * failures: a loop that died would silently stop the daemon.
 */
final class DaemonRuntime implements JobListener {
  private static final Logger LOG = LoggerFactory.getLogger(AthenaDaemon.class);

  /** How long close waits for the last completions even when the drain timeout has passed. */
  private static final long FLUSH_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final DaemonSettings s;
  private final DaemonMetrics metrics;
  private final CompletionBatcher completions;
  private final Map<String, FamilyWorkers> workers = new LinkedHashMap<>();
  private final ScheduledExecutorService poller;
  private final ScheduledExecutorService heartbeater;
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final Object idle = new Object();
  private final RepeatedFailureLog pollLog;
  private final RepeatedFailureLog heartbeatLog;
  private final RepeatedFailureLog reapLog;
  private final RepeatedFailureLog registryLog;
  private final Instant startedAt;
  private volatile boolean accepting = true;
  private volatile boolean registered;
  private volatile String status = "running";

  DaemonRuntime(DaemonSettings settings) {
    this.s = settings;
    this.metrics = new DaemonMetrics(settings.meters());
    this.completions = new CompletionBatcher(settings);
    for (String family : settings.families()) {
      workers.put(
          family,
          new FamilyWorkers(
              family,
              settings.handlers().get(family),
              settings.concurrency().get(family),
              settings.claimAhead(family),
              settings.executor(),
              this::refused));
    }
    this.poller =
        Executors.newSingleThreadScheduledExecutor(new DaemonThreads("athena-daemon-poller"));
    this.heartbeater =
        Executors.newSingleThreadScheduledExecutor(new DaemonThreads("athena-daemon-heartbeat"));
    String who = "daemon " + settings.daemonId();
    this.pollLog = new RepeatedFailureLog(LOG, who + " claiming jobs");
    this.heartbeatLog = new RepeatedFailureLog(LOG, who + " renewing leases");
    this.reapLog = new RepeatedFailureLog(LOG, who + " reaping lapsed leases");
    this.registryLog = new RepeatedFailureLog(LOG, who + " heartbeating into the daemon registry");
    this.startedAt = settings.clock().instant();
  }

  void start() {
    completions.start();
    registryHeartbeat();
    if (!workers.isEmpty()) {
      every(poller, s.pollInterval(), this::pollOnce, true);
      every(poller, s.reaperInterval(), this::reapOnce, false);
    }
    every(heartbeater, s.heartbeatInterval(), this::heartbeatOnce, false);
    if (s.jobs() != null) {
      s.jobs().subscribe(this);
    }
    Map<String, Integer> ahead = new LinkedHashMap<>();
    s.families().forEach(f -> ahead.put(f, s.claimAhead(f)));
    LOG.info(
        "daemon {} started: role {}, families {} with concurrency {}, claim-ahead {}, lease {},"
            + " heartbeat {}, poll {}",
        s.daemonId(),
        s.role().wireName(),
        s.families(),
        s.concurrency(),
        ahead,
        s.lease(),
        s.heartbeatInterval(),
        s.pollInterval());
  }

  private static void every(
      ScheduledExecutorService on, Duration interval, Runnable task, boolean now) {
    long nanos = interval.toNanos();
    on.scheduleWithFixedDelay(() -> guarded(task), now ? 0 : nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Each loop catches its own failures; this is the last line: a scheduled task that throws is
   * never run again, so not even an Error (a store's assertion, a linkage problem) may escape.
   */
  private static void guarded(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      LOG.error("a daemon loop failed unexpectedly; it keeps running", t);
    }
  }

  String status() {
    return status;
  }

  int runningAttempts() {
    return workers.values().stream().mapToInt(FamilyWorkers::runningCount).sum();
  }

  // ---- poll loop ----

  void pollOnce() {
    if (!accepting) {
      return;
    }
    try {
      boolean more = false;
      for (FamilyWorkers family : workers.values()) {
        more |= claimFor(family);
      }
      pollLog.succeeded();
      if (more) {
        wake(); // a full batch: more jobs are probably due
      }
    } catch (RuntimeException e) {
      pollLog.failed(e);
    }
  }

  private boolean claimFor(FamilyWorkers family) {
    if (!family.wantsClaim()) {
      return false;
    }
    int want = Math.min(family.room(), s.claimBatchSize());
    List<Job> claimed = s.store().claim(s.daemonId(), Set.of(family.family()), want, s.lease());
    List<Attempt> attempts = new ArrayList<>(claimed.size());
    for (Job job : claimed) {
      attempts.add(
          new Attempt(job, family.handler(), s, metrics, completions, a -> ended(family, a)));
    }
    family.offer(attempts);
    return claimed.size() == want && family.wantsClaim();
  }

  /** The executor refused an attempt (it never ran): back to the queue after a failed attempt. */
  private void refused(Attempt attempt) {
    Job job = attempt.job();
    LOG.warn(
        "daemon {}: the executor refused job {} ({}); it goes back to the queue",
        s.daemonId(),
        job.id(),
        job.family());
    try {
      s.store().fail(job.id(), s.daemonId(), "the daemon's executor refused the attempt", now());
    } catch (RuntimeException e) {
      LOG.warn(
          "daemon {} could not requeue job {}; its lease will lapse", s.daemonId(), job.id(), e);
    }
  }

  private void ended(FamilyWorkers family, Attempt attempt) {
    family.ended(attempt);
    synchronized (idle) {
      idle.notifyAll();
    }
    if (family.wantsClaim()) {
      wake(); // room for a batch, or a slot with nothing waiting for it
    }
  }

  /** Polls again at once, coalescing wake-ups that arrive while one is pending. */
  void wake() {
    if (!accepting || !wakePending.compareAndSet(false, true)) {
      return;
    }
    try {
      poller.execute(
          () -> {
            wakePending.set(false);
            pollOnce();
          });
    } catch (RejectedExecutionException e) {
      wakePending.set(false); // closing
    }
  }

  void reapOnce() {
    try {
      int reaped = s.store().reapExpiredLeases();
      reapLog.succeeded();
      if (reaped > 0) {
        LOG.info("daemon {} returned {} jobs with lapsed leases", s.daemonId(), reaped);
        wake();
      }
    } catch (RuntimeException e) {
      reapLog.failed(e);
    }
  }

  // ---- heartbeat loop ----

  void heartbeatOnce() {
    try {
      for (FamilyWorkers family : workers.values()) {
        for (Attempt attempt : family.running()) {
          renew(family, attempt);
        }
        for (Attempt waiting : family.waiting()) {
          renewWaiting(family, waiting);
        }
      }
      heartbeatLog.succeeded();
    } catch (RuntimeException e) {
      heartbeatLog.failed(e);
    }
    registryHeartbeat();
  }

  private void renew(FamilyWorkers family, Attempt attempt) {
    JobId id = attempt.job().id();
    if (s.store().heartbeat(id, s.daemonId(), s.lease()) || !family.isRunning(attempt)) {
      return;
    }
    boolean knewIt = attempt.isCancelled(); // cancelled through this process's Jobs facade
    attempt.markLost();
    if (!knewIt) {
      LOG.info(
          "daemon {} lost the lease of job {} ({}); its handler now sees isCancelled()",
          s.daemonId(),
          id,
          attempt.job().family());
    }
  }

  /** A job claimed ahead keeps its lease too; one the store refuses leaves the buffer unstarted. */
  private void renewWaiting(FamilyWorkers family, Attempt attempt) {
    JobId id = attempt.job().id();
    if (s.store().heartbeat(id, s.daemonId(), s.lease())) {
      return;
    }
    attempt.markLost(); // in case it just left the buffer: it must not start
    if (family.withdraw(id)) {
      LOG.info(
          "daemon {} lost the lease of job {} ({}) before it started; it will not start here",
          s.daemonId(),
          id,
          attempt.job().family());
    }
  }

  private void registryHeartbeat() {
    try {
      if (registered) {
        s.registry().heartbeat(s.daemonId(), status);
      } else {
        s.registry().register(info());
        registered = true;
      }
      registryLog.succeeded();
    } catch (RuntimeException e) {
      registryLog.failed(e);
    }
  }

  private DaemonInfo info() {
    return new DaemonInfo(
        s.daemonId(), s.role().wireName(), s.families(), s.host(), startedAt, now(), status);
  }

  // ---- listener: this process's Jobs facade ----

  @Override
  public void jobQueued(Job job) {
    if (workers.containsKey(job.family()) && !job.runAt().isAfter(now())) {
      wake();
    }
  }

  @Override
  public void jobCancelled(JobId id) {
    for (FamilyWorkers family : workers.values()) {
      // withdrawn first: an attempt leaves the buffer only by becoming running, where it is found
      family.withdraw(id);
      family.findRunning(id).ifPresent(Attempt::markCancelled);
    }
  }

  // ---- drain ----

  /**
   * Stops claiming, waits up to the drain timeout for running attempts, then stops heartbeating and
   * gives up on what still runs (those leases lapse and any daemon's reaper returns the jobs).
   *
   * @return how many attempts were given up
   */
  int close() {
    long deadline = System.nanoTime() + s.drainTimeout().toNanos();
    accepting = false;
    if (s.jobs() != null) {
      s.jobs().unsubscribe(this);
    }
    poller.shutdown();
    awaitTermination(poller, deadline);
    releaseWaiting();
    status = "draining";
    registryHeartbeat();
    awaitIdle(deadline);
    completions.close(Math.max(deadline, System.nanoTime() + FLUSH_GRACE_NANOS));
    heartbeater.shutdownNow();
    awaitTermination(heartbeater, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    int abandoned = workers.values().stream().mapToInt(FamilyWorkers::abandonAll).sum();
    workers.values().forEach(FamilyWorkers::shutdown);
    status = "stopped";
    registryHeartbeat();
    return abandoned;
  }

  /**
   * Gives back, without using up an attempt, every job claimed ahead that never started, so other
   * daemons take them at once rather than after the lease. One the store cannot release now is left
   * to lapse.
   */
  private void releaseWaiting() {
    int released = 0;
    for (FamilyWorkers family : workers.values()) {
      for (Attempt attempt : family.stopStarting()) {
        try {
          released += s.store().release(attempt.job().id(), s.daemonId()) ? 1 : 0;
        } catch (RuntimeException e) {
          LOG.warn(
              "daemon {} could not release job {}; its lease will lapse",
              s.daemonId(),
              attempt.job().id(),
              e);
        }
      }
    }
    if (released > 0) {
      LOG.info("daemon {} released {} jobs it had claimed ahead", s.daemonId(), released);
    }
  }

  private void awaitIdle(long deadline) {
    synchronized (idle) {
      while (runningAttempts() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(idle, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void awaitTermination(ExecutorService executor, long deadline) {
    try {
      executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Instant now() {
    return s.clock().instant();
  }
}
