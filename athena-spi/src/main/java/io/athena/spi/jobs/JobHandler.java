package io.athena.spi.jobs;

/**
 * Runs the jobs of one family. A handler returns the JSON result (or null); throwing fails the
 * attempt, which is retried with backoff while attempts remain.
 */
public interface JobHandler {

  /** The family this handler runs. */
  String family();

  /** Runs one attempt. */
  String handle(JobContext context) throws Exception;

  /** Whether an exception is worth retrying; a permanent failure ends the job at once. */
  default RetryDecision retryDecision(Exception failure) {
    return RetryDecision.RETRY;
  }

  /** What to do after a failed attempt. */
  enum RetryDecision {
    RETRY,
    FAIL_PERMANENTLY
  }
}
