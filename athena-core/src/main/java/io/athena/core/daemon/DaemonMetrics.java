package io.athena.core.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The daemon's meters: {@code athena_jobs_finished_total{family,outcome}} and {@code
 * athena_job_duration_seconds{family}}. Labels are families and outcomes only, never job ids.
 */
final class DaemonMetrics {
  static final String FINISHED = "athena.jobs.finished";
  static final String DURATION = "athena.job.duration";

  private final MeterRegistry registry;

  DaemonMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  Timer.Sample start() {
    return Timer.start(registry);
  }

  /** Records how long one attempt ran, until its outcome was decided. */
  void timed(String family, Timer.Sample sample) {
    sample.stop(
        Timer.builder(DURATION)
            .description("Time one attempt of a job took")
            .tag("family", family)
            .register(registry));
  }

  /**
   * Counts one finished attempt, once its outcome is recorded.
   *
   * @param outcome {@code completed}, {@code failed}, {@code retried}, {@code cancelled}, or null
   *     when the attempt's result was dropped because its lease was lost (the job is not finished)
   */
  void counted(String family, String outcome) {
    if (outcome != null) {
      Counter.builder(FINISHED)
          .description("Job attempts finished, by outcome")
          .tag("family", family)
          .tag("outcome", outcome)
          .register(registry)
          .increment();
    }
  }
}
