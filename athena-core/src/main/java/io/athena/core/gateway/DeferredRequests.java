package io.athena.core.gateway;

import io.athena.core.daemon.FamilyOwnership;
import io.athena.core.jobs.Jobs;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Deferred gateway requests on top of the job queue: each is a job of the {@code deferred} family
 * whose id is the request id callers poll with. A finished request can be read for the configured
 * time ({@code admission.deferred_result_ttl}), then it answers 404 like one that never existed.
 */
public final class DeferredRequests {
  /** Deferred requests retry only transient failures (database down, time used up). */
  static final int MAX_ATTEMPTS = 3;

  private final Jobs jobs;
  private final Duration resultTtl;
  private final InstantSource clock;
  private final Runnable executorStarter;

  /**
   * @param executorStarter starts whatever runs the {@code deferred} family in this process (an
   *     inline daemon) if it is not running yet; called on every deferral, so it must be cheap and
   *     idempotent
   */
  public DeferredRequests(
      Jobs jobs, Duration resultTtl, InstantSource clock, Runnable executorStarter) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.resultTtl = Objects.requireNonNull(resultTtl, "resultTtl");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executorStarter = Objects.requireNonNull(executorStarter, "executorStarter");
  }

  Job submit(DeferredCall call) {
    String payload = call.toJson();
    if (payload.length() > Jobs.MAX_PAYLOAD_CHARS) {
      throw new GatewayException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "The request is too large to defer ("
              + payload.length()
              + " characters; at most "
              + Jobs.MAX_PAYLOAD_CHARS
              + ")");
    }
    Job job =
        jobs.submit(JobRequest.of(FamilyOwnership.DEFERRED, payload).withMaxAttempts(MAX_ATTEMPTS));
    executorStarter.run();
    return job;
  }

  /**
   * The deferred request with this id, while it is readable.
   *
   * @throws GatewayException 404 {@code deferred_request_not_found} otherwise
   */
  Job get(String requestId) {
    return find(requestId)
        .orElseThrow(
            () ->
                new GatewayException(
                    ErrorCode.DEFERRED_REQUEST_NOT_FOUND,
                    "No deferred request '" + abbreviate(requestId) + "' (or its result expired)"));
  }

  /** Puts a failed or cancelled request back in the queue. */
  Job requeue(Job job) {
    try {
      Job queued = jobs.retry(job.id());
      executorStarter.run();
      return queued;
    } catch (IllegalStateException e) {
      throw new GatewayException(
          ErrorCode.INVALID_REQUEST,
          "Deferred request "
              + job.id()
              + " is "
              + job.status().wireName()
              + "; only failed or cancelled requests can be requeued",
          e);
    }
  }

  private Optional<Job> find(String requestId) {
    JobId id;
    try {
      id = Jobs.parseId(requestId);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return jobs.find(id)
        .filter(job -> job.family().equals(FamilyOwnership.DEFERRED))
        .filter(this::readable);
  }

  private boolean readable(Job job) {
    return !job.status().isTerminal() || clock.instant().isBefore(job.updatedAt().plus(resultTtl));
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
