package io.athena.core.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.athena.core.json.Json;
import io.athena.core.telemetry.JobTraceEvent;
import io.athena.core.telemetry.Traces;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobContext;
import io.athena.spi.jobs.JobHandler;
import io.athena.spi.jobs.JobHandler.RetryDecision;
import io.athena.spi.jobs.JobStatus;
import io.athena.spi.jobs.JobStore;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of one claimed job: runs the handler, then records the outcome while the daemon still
 * holds the lease. A result is dropped, never recorded, once the job was cancelled, the lease was
 * lost or the daemon gave up on the attempt while closing.
 */
final class Attempt implements JobContext, Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);
  static final int MAX_ERROR_CHARS = 2000;
  private static final Set<String> LEVELS = Set.of("info", "warn", "error");

  /** The outcome of an attempt whose result waits in the completion batcher. */
  private static final String PENDING = "pending";

  private final Job job;
  private final JobHandler handler;
  private final DaemonSettings settings;
  private final DaemonMetrics metrics;
  private final Consumer<Attempt> onEnd;
  private final CompletionBatcher completions;
  private volatile boolean cancelled;
  private volatile boolean lost;
  private volatile boolean abandoned;
  private Thread runner;
  private volatile long startNanos;
  private volatile long ranNanos = -1;
  private volatile String failure;

  Attempt(
      Job job,
      JobHandler handler,
      DaemonSettings settings,
      DaemonMetrics metrics,
      CompletionBatcher completions,
      Consumer<Attempt> onEnd) {
    this.job = job;
    this.completions = completions;
    this.handler = handler;
    this.settings = settings;
    this.metrics = metrics;
    this.onEnd = onEnd;
  }

  @Override
  public Job job() {
    return job;
  }

  @Override
  public String daemonId() {
    return settings.daemonId();
  }

  @Override
  public void event(String level, String kind, String message, String details) {
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException("level was '" + level + "' but must be one of " + LEVELS);
    }
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("kind must not be blank");
    }
    store().appendEvent(job.id(), daemonId(), level, kind, message, details);
  }

  @Override
  public boolean isCancelled() {
    return cancelled || lost || abandoned;
  }

  void markCancelled() {
    cancelled = true;
  }

  void markLost() {
    lost = true;
  }

  /** The daemon stopped waiting for this attempt: drop its result and interrupt the handler. */
  synchronized void abandon() {
    abandoned = true;
    if (runner != null) {
      runner.interrupt();
    }
  }

  @Override
  public void run() {
    synchronized (this) {
      runner = Thread.currentThread();
    }
    Timer.Sample sample = metrics.start();
    startNanos = System.nanoTime();
    String outcome = null;
    try {
      outcome = execute();
    } catch (RuntimeException e) {
      LOG.warn(
          "daemon {} could not record the outcome of job {} ({}); its lease will lapse and the"
              + " job will run again",
          daemonId(),
          job.id(),
          job.family(),
          e);
    } finally {
      synchronized (this) {
        runner = null;
        if (abandoned) {
          Thread.interrupted(); // our interrupt, not the pool's: do not leak it to the next task
        }
      }
      metrics.timed(job.family(), sample);
      if (ranNanos < 0) {
        ranNanos = System.nanoTime() - startNanos;
      }
      if (!PENDING.equals(outcome)) {
        finished(outcome);
      }
      onEnd.accept(this);
    }
  }

  private String execute() {
    if (isCancelled()) {
      return dropped(); // cancelled or lost while it waited in the claim-ahead buffer
    }
    String result;
    try {
      result = handler.handle(this);
      requireJson(result);
    } catch (Exception e) {
      return failed(e);
    }
    return completed(result);
  }

  private String completed(String result) {
    if (abandoned) {
      return dropped();
    }
    // measured before the batcher may record it (and trace it) on its own thread
    ranNanos = System.nanoTime() - startNanos;
    completions.add(this, result);
    return PENDING;
  }

  /** The completion batcher wrote this attempt's result: completed, or refused (lease lost). */
  void recorded(boolean completed) {
    String outcome = null;
    try {
      if (completed) {
        LOG.debug("daemon {} completed job {} ({})", daemonId(), job.id(), job.family());
        outcome = "completed";
      } else {
        outcome = dropped();
      }
    } catch (RuntimeException e) {
      LOG.warn("daemon {} could not tell why job {} was not completed", daemonId(), job.id(), e);
    }
    finished(outcome);
  }

  /** The completion batcher could not write this attempt's result; the lease will lapse. */
  void unrecorded() {
    metrics.counted(job.family(), null);
  }

  /** Counts a finished attempt and traces it ({@code job_trace}); null: nothing finished. */
  private void finished(String outcome) {
    metrics.counted(job.family(), outcome);
    if (outcome == null || settings.traceSinks().isEmpty()) {
      return;
    }
    long ran = ranNanos;
    Traces.write(
        settings.traceSinks(),
        new JobTraceEvent(
            settings.clock().instant(),
            daemonId(),
            job.id().toString(),
            job.family(),
            job.attempts(),
            job.maxAttempts(),
            outcome,
            ran < 0 ? null : ran / 1_000_000.0,
            failure));
  }

  private String failed(Exception failure) {
    this.failure = describe(failure);
    if (abandoned) {
      return dropped();
    }
    boolean retry = decide(failure) == RetryDecision.RETRY && job.attempts() < job.maxAttempts();
    Instant retryAt =
        retry ? settings.clock().instant().plus(settings.backoff().delay(job.attempts())) : null;
    if (!store().fail(job.id(), daemonId(), describe(failure), retryAt)) {
      return dropped();
    }
    if (retry) {
      LOG.info(
          "job {} ({}) attempt {} of {} failed, retrying at {}: {}",
          job.id(),
          job.family(),
          job.attempts(),
          job.maxAttempts(),
          retryAt,
          failure.toString());
      return "retried";
    }
    LOG.warn(
        "job {} ({}) failed for good after attempt {} of {}",
        job.id(),
        job.family(),
        job.attempts(),
        job.maxAttempts(),
        failure);
    return "failed";
  }

  private RetryDecision decide(Exception failure) {
    if (failure instanceof NotJsonResult) {
      return RetryDecision.FAIL_PERMANENTLY; // the handler's bug: the next attempt returns it too
    }
    try {
      RetryDecision decision = handler.retryDecision(failure);
      return decision == null ? RetryDecision.RETRY : decision;
    } catch (RuntimeException e) {
      LOG.warn("retryDecision of the {} handler threw; retrying", job.family(), e);
      return RetryDecision.RETRY;
    }
  }

  /** The result was not recorded; returns the outcome to count, if any. */
  private String dropped() {
    if (abandoned) {
      LOG.info(
          "daemon {} closed while job {} ({}) ran; its result is dropped and its lease left to"
              + " lapse",
          daemonId(),
          job.id(),
          job.family());
      return null;
    }
    lost = true;
    boolean wasCancelled =
        store().get(job.id()).map(j -> j.status() == JobStatus.CANCELLED).orElse(false);
    LOG.info(
        "daemon {} dropped the result of job {} ({}): {}",
        daemonId(),
        job.id(),
        job.family(),
        wasCancelled ? "the job was cancelled" : "its lease was lost");
    return wasCancelled ? "cancelled" : null;
  }

  private JobStore store() {
    return settings.store();
  }

  static String describe(Throwable failure) {
    String text = failure.getClass().getName();
    if (failure.getMessage() != null) {
      text += ": " + failure.getMessage();
    }
    return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
  }

  private static void requireJson(String result) throws NotJsonResult {
    if (result == null) {
      return;
    }
    try {
      if (!Json.mapper().readTree(result).isMissingNode()) {
        return;
      }
    } catch (JsonProcessingException e) {
      // falls through
    }
    throw new NotJsonResult();
  }

  /** A handler returned text that is not JSON. */
  static final class NotJsonResult extends Exception {
    private static final long serialVersionUID = 1L;

    NotJsonResult() {
      super("the handler returned a result that is not JSON");
    }
  }
}
