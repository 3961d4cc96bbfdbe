package io.athena.core.jobs;

import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;

/**
 * Hears what the {@link Jobs} facade of this process did, so that a daemon in the same JVM can
 * react at once instead of at its next poll. Called on the caller's thread: return quickly.
 */
public interface JobListener {

  /** A job was submitted or requeued. */
  default void jobQueued(Job job) {}

  /** A queued or running job was cancelled. */
  default void jobCancelled(JobId id) {}
}
