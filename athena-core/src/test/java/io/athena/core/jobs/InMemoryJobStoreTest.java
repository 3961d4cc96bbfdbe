package io.athena.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory store adds to the contract (which lives in athena-testkit and runs there):
 * pruning of ended jobs, argument checks.
 */
class InMemoryJobStoreTest {
  private final TestClock clock = new TestClock();
  private final InMemoryJobStore store = new InMemoryJobStore(clock, Duration.ofHours(1));

  @Test
  @DisplayName("ended jobs are pruned by the reaper once the retention has passed")
  void prunesEndedJobs() {
    Job done = store.submit(JobRequest.of("mail", "{}").withIdempotencyKey("once"));
    Job waiting =
        store.submit(
            JobRequest.of("mail", "{}").withRunAt(clock.instant().plus(Duration.ofDays(1))));
    store.claim("d", Set.of("mail"), 1, Duration.ofSeconds(30));
    store.complete(done.id(), "d", null);
    clock.advance(Duration.ofMinutes(59));
    store.reapExpiredLeases();
    assertThat(store.get(done.id())).as("a job ended 59 minutes ago").isPresent();
    clock.advance(Duration.ofMinutes(2));
    store.reapExpiredLeases();
    assertThat(store.get(done.id())).as("a job ended 61 minutes ago").isEmpty();
    assertThat(store.events(done.id())).isEmpty();
    assertThat(store.get(waiting.id())).as("a queued job is never pruned").isPresent();
    Job again = store.submit(JobRequest.of("mail", "{}").withIdempotencyKey("once"));
    assertThat(again.id()).as("the key is free again").isNotEqualTo(done.id());
    assertThat(again.status()).isEqualTo(JobStatus.QUEUED);
  }

  @Test
  @DisplayName("appending an event to an unknown job throws JobNotFoundException")
  void appendEventToUnknownJob() {
    JobId id = JobId.random();
    assertThatThrownBy(() -> store.appendEvent(id, "d", "info", "x", "m", null))
        .isInstanceOf(JobNotFoundException.class);
  }

  @Test
  @DisplayName("claim and heartbeat refuse a lease that is not positive, and a blank daemon")
  void refusesBadLeaseAndDaemon() {
    assertThatThrownBy(() -> store.claim("d", Set.of("mail"), 1, Duration.ZERO))
        .hasMessage("lease was PT0S but must be positive");
    assertThatThrownBy(() -> store.claim(" ", Set.of("mail"), 1, Duration.ofSeconds(1)))
        .hasMessage("daemonId must not be blank");
    assertThatThrownBy(() -> new InMemoryJobStore(clock, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
