package io.athena.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.AthenaException;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobFilter;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JobsTest {
  private final TestClock clock = new TestClock();
  private final InMemoryJobStore store = new InMemoryJobStore(clock);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Jobs jobs = new Jobs(store, meters);

  @Test
  @DisplayName("submit refuses a family that is not a plain lower-case word")
  void refusesBadFamily() {
    assertThatThrownBy(() -> jobs.submit(JobRequest.of("Email Jobs", "{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("family was 'Email Jobs' but must match");
  }

  @Test
  @DisplayName("submit refuses a payload that is not JSON, or empty")
  void refusesNonJsonPayload() {
    assertThatThrownBy(() -> jobs.submit(JobRequest.of("mail", "{to: ann")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("payload was not JSON");
    assertThatThrownBy(() -> jobs.submit(JobRequest.of("mail", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payload was empty");
  }

  @Test
  @DisplayName("submit refuses too many attempts and blank or long idempotency keys")
  void refusesBadAttemptsAndKeys() {
    assertThatThrownBy(() -> jobs.submit(JobRequest.of("mail", "{}").withMaxAttempts(101)))
        .hasMessage("maxAttempts was 101 but must be at most 100");
    assertThatThrownBy(() -> jobs.submit(JobRequest.of("mail", "{}").withIdempotencyKey(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idempotencyKey was ' '");
    String longKey = "k".repeat(201);
    assertThatThrownBy(() -> jobs.submit(JobRequest.of("mail", "{}").withIdempotencyKey(longKey)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.depth()).as("nothing was stored").isEmpty();
  }

  @Test
  @DisplayName("get, cancel, retry and events of an unknown id throw JobNotFoundException")
  void unknownIdIsNotFound() {
    JobId id = JobId.random();
    assertThatThrownBy(() -> jobs.get(id))
        .isInstanceOf(JobNotFoundException.class)
        .isInstanceOf(AthenaException.class)
        .hasMessage("job " + id + " does not exist")
        .extracting(e -> ((JobNotFoundException) e).jobId())
        .isEqualTo(id);
    assertThatThrownBy(() -> jobs.cancel(id)).isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> jobs.retry(id)).isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> jobs.events(id)).isInstanceOf(JobNotFoundException.class);
    assertThat(jobs.find(id)).isEmpty();
  }

  @Test
  @DisplayName("retry of a job that has not failed or been cancelled is a state conflict")
  void retryOfQueuedJobConflicts() {
    Job job = jobs.submit(JobRequest.of("mail", "{}"));
    assertThatThrownBy(() -> jobs.retry(job.id()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("job " + job.id() + " is queued; only failed or cancelled jobs can be retried");
  }

  @Test
  @DisplayName("listeners hear submits, retries and cancels")
  void listenersHearTheFacade() {
    List<String> heard = new CopyOnWriteArrayList<>();
    JobListener listener =
        new JobListener() {
          @Override
          public void jobQueued(Job job) {
            heard.add("queued " + job.family());
          }

          @Override
          public void jobCancelled(JobId id) {
            heard.add("cancelled");
          }
        };
    jobs.subscribe(listener);
    Job job = jobs.submit(JobRequest.of("mail", "{}"));
    jobs.cancel(job.id());
    jobs.cancel(job.id()); // already ended: no second event
    jobs.retry(job.id());
    jobs.unsubscribe(listener);
    jobs.submit(JobRequest.of("sms", "{}"));
    assertThat(heard).containsExactly("queued mail", "cancelled", "queued mail");
  }

  @Test
  @DisplayName("a failing listener does not fail the submit")
  void failingListenerIsContained() {
    jobs.subscribe(
        new JobListener() {
          @Override
          public void jobQueued(Job job) {
            throw new IllegalStateException("listener bug");
          }
        });
    assertThat(jobs.submit(JobRequest.of("mail", "{}")).status()).isEqualTo(JobStatus.QUEUED);
  }

  @Test
  @DisplayName("athena.jobs gauges report depth per family and status, 0 for empty statuses")
  void depthGauges() {
    jobs.submit(JobRequest.of("mail", "{}"));
    jobs.submit(JobRequest.of("mail", "{}"));
    store.claim("d", Set.of("mail"), 1, java.time.Duration.ofSeconds(30));
    jobs.depth(); // refreshes the cached snapshot
    assertThat(gauge("mail", "queued")).isEqualTo(1.0);
    assertThat(gauge("mail", "running")).isEqualTo(1.0);
    assertThat(gauge("mail", "failed")).isZero();
    assertThat(meters.find("athena.jobs").tag("family", "mail").gauges())
        .hasSize(JobStatus.values().length);
    assertThat(gauge("clone", "queued")).as("a built-in family reads 0").isZero();
  }

  private double gauge(String family, String status) {
    return meters.get("athena.jobs").tag("family", family).tag("status", status).gauge().value();
  }

  @Test
  @DisplayName("a scrape discovers families submitted elsewhere, through the built-in gauges")
  void gaugesDiscoverFamilies() {
    store.submit(JobRequest.of("report", "{}")); // straight into the store, as another process
    assertThat(meters.find("athena.jobs").tag("family", "report").gauges()).isEmpty();
    assertThat(gauge("clone", "queued")).as("scraping a built-in gauge").isZero();
    assertThat(gauge("report", "queued")).isEqualTo(1.0);
  }

  @Test
  @DisplayName("list refuses a malformed family filter")
  void listRefusesBadFamily() {
    assertThatThrownBy(() -> jobs.list(new JobFilter("A B", null, 10, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("parseId accepts canonical UUIDs only")
  void parsesIds() {
    JobId id = JobId.random();
    assertThat(Jobs.parseId(id.value())).isEqualTo(id);
    assertThat(Jobs.parseId(id.value().toUpperCase(java.util.Locale.ROOT))).isEqualTo(id);
    assertThatThrownBy(() -> Jobs.parseId("42"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("job id was '42' but must be a UUID");
    assertThatThrownBy(() -> Jobs.parseId(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
