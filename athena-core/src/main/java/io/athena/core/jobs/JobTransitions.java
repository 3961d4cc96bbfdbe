package io.athena.core.jobs;

import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import java.time.Instant;

/**
 * The state changes of a {@link Job} record, each in one place so the in-memory store cannot forget
 * to clear a lease or bump {@code updatedAt}.
 */
final class JobTransitions {
  private JobTransitions() {}

  /** A new job: queued, due at its run-at or now, no attempts yet. */
  static Job submitted(JobRequest request, Instant now) {
    return new Job(
        JobId.random(),
        request.family(),
        request.payload(),
        JobStatus.QUEUED,
        request.priority(),
        request.runAt() == null ? now : request.runAt(),
        0,
        request.maxAttempts(),
        request.idempotencyKey(),
        null,
        null,
        null,
        null,
        now,
        now);
  }

  /** Claimed: running, one more attempt, leased to {@code owner} until {@code leaseUntil}. */
  static Job running(Job j, String owner, Instant leaseUntil, Instant now) {
    return new Job(
        j.id(),
        j.family(),
        j.payload(),
        JobStatus.RUNNING,
        j.priority(),
        j.runAt(),
        j.attempts() + 1,
        j.maxAttempts(),
        j.idempotencyKey(),
        owner,
        leaseUntil,
        j.lastError(),
        null,
        j.createdAt(),
        now);
  }

  /** A renewed lease. */
  static Job leased(Job j, Instant leaseUntil, Instant now) {
    return new Job(
        j.id(),
        j.family(),
        j.payload(),
        j.status(),
        j.priority(),
        j.runAt(),
        j.attempts(),
        j.maxAttempts(),
        j.idempotencyKey(),
        j.leaseOwner(),
        leaseUntil,
        j.lastError(),
        j.result(),
        j.createdAt(),
        now);
  }

  /** Back in the queue, due at {@code runAt}, with no lease. */
  static Job queued(Job j, Instant runAt, int attempts, String lastError, Instant now) {
    return new Job(
        j.id(),
        j.family(),
        j.payload(),
        JobStatus.QUEUED,
        j.priority(),
        runAt,
        attempts,
        j.maxAttempts(),
        j.idempotencyKey(),
        null,
        null,
        lastError,
        null,
        j.createdAt(),
        now);
  }

  /** Ended for good (completed, failed or cancelled), with no lease. */
  static Job ended(Job j, JobStatus status, String lastError, String result, Instant now) {
    return new Job(
        j.id(),
        j.family(),
        j.payload(),
        status,
        j.priority(),
        j.runAt(),
        j.attempts(),
        j.maxAttempts(),
        j.idempotencyKey(),
        null,
        null,
        lastError,
        result,
        j.createdAt(),
        now);
  }
}
