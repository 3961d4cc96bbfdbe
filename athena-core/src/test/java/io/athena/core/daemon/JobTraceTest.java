package io.athena.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.athena.core.telemetry.DaemonTraceEvent;
import io.athena.core.telemetry.JobTraceEvent;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import io.athena.spi.telemetry.TraceEvent;
import io.athena.spi.telemetry.TraceLevel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finished attempts and the daemon's start and stop reach the trace sinks. */
class JobTraceTest {
  private final DaemonFixture f = new DaemonFixture();
  private final List<TraceEvent> events = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    f.close();
  }

  private List<JobTraceEvent> jobEvents() {
    return events.stream()
        .filter(JobTraceEvent.class::isInstance)
        .map(JobTraceEvent.class::cast)
        .toList();
  }

  @Test
  void aCompletedJobIsTracedWithItsDaemonAndDuration() {
    f.start(f.daemon("d-1", TestHandler.of("email", ctx -> "{}")).traceSink(events::add));
    Job job = f.submit(JobRequest.of("email", "{}"));
    await().untilAsserted(() -> assertThat(jobEvents()).hasSize(1));

    JobTraceEvent event = jobEvents().get(0);
    assertThat(event.jobId()).isEqualTo(job.id().toString());
    assertThat(event.daemonId()).isEqualTo("d-1");
    assertThat(event.family()).isEqualTo("email");
    assertThat(event.outcome()).isEqualTo("completed");
    assertThat(event.attempt()).isEqualTo(1);
    assertThat(event.durationMs()).isNotNull().isNotNegative();
    assertThat(event.level()).isEqualTo(TraceLevel.INFO);
    assertThat(event.fields()).containsEntry("job_id", job.id().toString());
  }

  @Test
  void aRetriedAttemptIsAWarningAndAFinalFailureAnError() {
    f.start(
        f.daemon(
                "d-1",
                TestHandler.of(
                    "email",
                    ctx -> {
                      throw new IOException("smtp down");
                    }))
            .traceSink(events::add));
    Job job = f.submit(JobRequest.of("email", "{}").withMaxAttempts(2));
    await().untilAsserted(() -> assertThat(jobEvents()).hasSize(1));
    f.clock.advance(Duration.ofSeconds(5));
    await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.FAILED));
    await().untilAsserted(() -> assertThat(jobEvents()).hasSize(2));

    assertThat(jobEvents())
        .extracting(JobTraceEvent::outcome, JobTraceEvent::level, JobTraceEvent::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "retried", TraceLevel.WARN, "java.io.IOException: smtp down"),
            org.assertj.core.groups.Tuple.tuple(
                "failed", TraceLevel.ERROR, "java.io.IOException: smtp down"));
  }

  @Test
  void theDaemonsStartAndStopAreTraced() {
    AthenaDaemon daemon =
        f.start(f.daemon("d-9", TestHandler.of("email", ctx -> "{}")).traceSink(events::add));
    daemon.close();

    assertThat(events)
        .filteredOn(DaemonTraceEvent.class::isInstance)
        .map(e -> ((DaemonTraceEvent) e).action() + ":" + ((DaemonTraceEvent) e).daemonId())
        .containsExactly("started:d-9", "stopped:d-9");
  }

  @Test
  void aFailingSinkDoesNotStopTheDaemon() {
    f.start(
        f.daemon("d-1", TestHandler.of("email", ctx -> "{}"))
            .traceSink(
                e -> {
                  throw new IllegalStateException("sink broken");
                }));
    Job job = f.submit(JobRequest.of("email", "{}"));
    await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.COMPLETED));
  }
}
