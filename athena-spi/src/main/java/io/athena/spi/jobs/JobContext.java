package io.athena.spi.jobs;

/** What a handler sees while it runs one attempt of a job. */
public interface JobContext {

  Job job();

  /** The daemon running the attempt. */
  String daemonId();

  /** Appends an event to the job's log. */
  void event(String level, String kind, String message, String details);

  /**
   * True once the job was cancelled or the lease was lost; long handlers check it between steps and
   * stop early.
   */
  boolean isCancelled();
}
