package io.athena.spi.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where jobs live. Implementations are safe for many threads and, when durable, for many processes:
 * one job is never held by two daemons at once. Time comes from the store's injected clock.
 *
 * <p>Ownership: {@link #heartbeat}, {@link #complete} and {@link #fail} act only while the caller
 * still holds the job's lease and answer false otherwise (the lease lapsed and was reaped, or the
 * job was cancelled): the caller then drops its result.
 */
public interface JobStore {

  /**
   * Adds a job, or returns the existing one when a job with the same idempotency key exists.
   * Appends a {@code submitted} event for a new job.
   */
  Job submit(JobRequest request);

  Optional<Job> get(JobId id);

  JobPage list(JobFilter filter);

  /**
   * Claims up to {@code max} due, queued jobs of the given families, highest priority first, then
   * earliest run-at, then oldest: marks them running, starts an attempt, and leases them to the
   * daemon until now + {@code lease}. Appends a {@code claimed} event per job.
   */
  List<Job> claim(String daemonId, Set<String> families, int max, Duration lease);

  /** Extends a held lease to now + {@code lease}. */
  boolean heartbeat(JobId id, String daemonId, Duration lease);

  /** Marks a held job completed with its JSON result (may be null). */
  boolean complete(JobId id, String daemonId, String result);

  /**
   * Completes many jobs held by {@code daemonId}, as {@link #complete} does each. A store that can
   * write them together (one statement, one round trip) should: a busy daemon records its finished
   * jobs through this method in batches. The default completes them one by one.
   *
   * @param results job id → JSON result (null values allowed)
   * @return the ids that were completed; the others were no longer held by the daemon
   */
  default Set<JobId> completeAll(String daemonId, Map<JobId, String> results) {
    Set<JobId> completed = new HashSet<>();
    results.forEach(
        (id, result) -> {
          if (complete(id, daemonId, result)) {
            completed.add(id);
          }
        });
    return completed;
  }

  /**
   * Records a failed attempt of a held job: back to queued at {@code retryAt}, or failed for good
   * when {@code retryAt} is null. Keeps {@code error} as the last error.
   */
  boolean fail(JobId id, String daemonId, String error, Instant retryAt);

  /**
   * Gives a held job back unstarted: queued again at its run-at, without the attempt its claim
   * counted, with a {@code released} event. A daemon that claimed ahead releases what it never
   * started when it closes, so the job neither waits for the lease to lapse nor loses an attempt.
   * The default cannot restore the attempt: it fails the job for a retry at its old run-at, which
   * counts one; stores override it.
   *
   * @return false when {@code daemonId} no longer holds the job
   */
  default boolean release(JobId id, String daemonId) {
    Instant runAt = get(id).map(Job::runAt).orElse(null);
    return runAt != null && fail(id, daemonId, "released unstarted by daemon " + daemonId, runAt);
  }

  /** Cancels a queued or running job; false when it already ended or does not exist. */
  boolean cancel(JobId id);

  /**
   * Puts a failed or cancelled job back in the queue, due now, with a fresh set of attempts.
   *
   * @return the job, empty when it does not exist or has not ended in failure or cancellation
   */
  Optional<Job> retry(JobId id);

  /**
   * Returns running jobs whose lease lapsed to the queue (or fails them when no attempts are left),
   * appending a {@code lease_expired} event to each.
   *
   * @return how many jobs were reaped
   */
  int reapExpiredLeases();

  /** Appends an event to a job's log. */
  void appendEvent(
      JobId id, String daemonId, String level, String kind, String message, String details);

  /** A job's events, oldest first. */
  List<JobEvent> events(JobId id);

  /** Job counts per family and status. Families with no jobs are absent. */
  Map<String, Map<JobStatus, Long>> depth();
}
