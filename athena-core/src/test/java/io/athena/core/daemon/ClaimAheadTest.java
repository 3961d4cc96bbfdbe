package io.athena.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Jobs claimed ahead of free slots, and results recorded in batches. */
class ClaimAheadTest {
  private final DaemonFixture f = new DaemonFixture();
  private final FlakyJobStore counting = new FlakyJobStore(f.store);
  private final CountDownLatch proceed = new CountDownLatch(1);
  private final Set<JobId> started = ConcurrentHashMap.newKeySet();

  @AfterEach
  void closeDaemons() {
    proceed.countDown();
    f.close();
  }

  /** Records which jobs started, then waits for {@link #proceed}. */
  private TestHandler blocking(String family) {
    return TestHandler.of(
        family,
        ctx -> {
          started.add(ctx.job().id());
          proceed.await();
          return "{}";
        });
  }

  private List<Job> submit(String family, int n) {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      jobs.add(f.submit(JobRequest.of(family, "{}").withMaxAttempts(1)));
    }
    return jobs;
  }

  private long count(String family, JobStatus status) {
    return f.store.depth().getOrDefault(family, java.util.Map.of()).getOrDefault(status, 0L);
  }

  @Test
  @DisplayName("a claim fills the free slots and the claim-ahead buffer in one batch")
  void claimFetchesAFullBatch() {
    submit("mail", 30);
    f.start(
        f.daemon("d-1", blocking("mail"))
            .store(counting)
            .concurrency("mail", 2)
            .claimAhead(8)
            .claimBatchSize(10));
    await().untilAsserted(() -> assertThat(count("mail", JobStatus.RUNNING)).isEqualTo(10));
    assertThat(counting.claims.get(0)).as("first claim: asked for, got").containsExactly(10, 10);
    await().during(Duration.ofMillis(100)).until(() -> started.size() == 2);
    assertThat(count("mail", JobStatus.RUNNING)).as("no claim beyond the buffer").isEqualTo(10);
    proceed.countDown();
    await().untilAsserted(() -> assertThat(count("mail", JobStatus.COMPLETED)).isEqualTo(30));
    assertThat(counting.claims)
        .as("every claim asks for at least half the buffer, never one job per finished attempt")
        .allSatisfy(c -> assertThat(c[0]).isGreaterThanOrEqualTo(4));
  }

  @Test
  @DisplayName("heartbeats renew the leases of jobs waiting in the claim-ahead buffer")
  void bufferedLeasesAreRenewed() {
    List<Job> jobs = submit("mail", 2);
    f.start(f.daemon("d-1", blocking("mail")).concurrency("mail", 1).claimAhead(1));
    await().untilAsserted(() -> assertThat(count("mail", JobStatus.RUNNING)).isEqualTo(2));
    for (int i = 0; i < 3; i++) {
      Instant now = f.clock.advance(Duration.ofSeconds(20)); // 60 s in all: two leases
      for (Job job : jobs) {
        await()
            .untilAsserted(
                () -> assertThat(f.job(job).leaseExpiresAt()).isEqualTo(now.plusSeconds(30)));
      }
    }
    assertThat(f.store.reapExpiredLeases()).isZero();
  }

  @Test
  @DisplayName("close releases buffered jobs at once; another daemon runs them on the same attempt")
  void closeReleasesBufferedJobs() {
    List<Job> jobs = submit("mail", 4);
    AthenaDaemon first =
        f.start(
            f.daemon("d-1", blocking("mail")).store(counting).concurrency("mail", 1).claimAhead(3));
    await().untilAsserted(() -> assertThat(count("mail", JobStatus.RUNNING)).isEqualTo(4));
    await().until(() -> started.size() == 1);
    CompletableFuture<Void> closing = CompletableFuture.runAsync(first::close);
    await().untilAsserted(() -> assertThat(count("mail", JobStatus.QUEUED)).isEqualTo(3));
    for (Job job : jobs) {
      if (!started.contains(job.id())) {
        assertThat(f.job(job).attempts()).as("attempts of released job %s", job.id()).isZero();
        assertThat(f.kinds(job)).containsExactly("submitted", "claimed", "released");
      }
    }
    proceed.countDown();
    await().until(closing::isDone);

    f.start(f.daemon("d-2", TestHandler.of("mail", ctx -> "{\"by\":2}")));
    await().untilAsserted(() -> assertThat(count("mail", JobStatus.COMPLETED)).isEqualTo(4));
    for (Job job : jobs) {
      assertThat(f.job(job).attempts()).as("attempts of %s", job.id()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a job cancelled while it waits in the buffer never starts")
  void cancelledBufferedJobNeverStarts() {
    List<Job> jobs = submit("mail", 3);
    f.start(f.daemon("d-1", blocking("mail")).concurrency("mail", 1).claimAhead(2));
    await().untilAsserted(() -> assertThat(count("mail", JobStatus.RUNNING)).isEqualTo(3));
    await().until(() -> started.size() == 1);
    Job waiting = jobs.stream().filter(j -> !started.contains(j.id())).findFirst().orElseThrow();

    assertThat(f.jobs.cancel(waiting.id())).isTrue();
    proceed.countDown();

    await().untilAsserted(() -> assertThat(count("mail", JobStatus.COMPLETED)).isEqualTo(2));
    assertThat(started).as("jobs that started").doesNotContain(waiting.id()).hasSize(2);
    assertThat(f.status(waiting)).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  @DisplayName(
      "a buffered job cancelled by another process leaves the buffer at the next heartbeat")
  void bufferedJobCancelledElsewhereNeverStarts() {
    List<Job> jobs = submit("mail", 2);
    f.start(f.daemon("d-1", blocking("mail")).concurrency("mail", 1).claimAhead(1));
    await().untilAsserted(() -> assertThat(count("mail", JobStatus.RUNNING)).isEqualTo(2));
    await().until(() -> started.size() == 1);
    Job waiting = jobs.stream().filter(j -> !started.contains(j.id())).findFirst().orElseThrow();

    assertThat(f.store.cancel(waiting.id())).as("cancelled in the store only").isTrue();
    for (int i = 0; i < 2; i++) { // the second full heartbeat round began after the cancel
      Instant now = f.clock.advance(Duration.ofSeconds(1));
      await().until(() -> now.equals(f.registry.list().get(0).lastHeartbeatAt()));
    }
    proceed.countDown();

    await().untilAsserted(() -> assertThat(count("mail", JobStatus.COMPLETED)).isEqualTo(1));
    assertThat(started).as("jobs that started").doesNotContain(waiting.id()).hasSize(1);
  }

  @Test
  @DisplayName("results wait for a batch, and close writes them all before it returns")
  void batchedCompletionsFlushOnClose() {
    AtomicInteger ran = new AtomicInteger();
    AthenaDaemon daemon =
        f.start(
            f.daemon("d-1", TestHandler.of("mail", ctx -> "{\"n\":" + ran.incrementAndGet() + "}"))
                .store(counting)
                .completionBatchSize(1000)
                .completionFlushDelay(Duration.ofHours(1)));
    List<Job> jobs = submit("mail", 5);
    await().until(() -> ran.get() == 5);
    assertThat(count("mail", JobStatus.COMPLETED)).as("completed before close").isZero();

    daemon.close();

    assertThat(count("mail", JobStatus.COMPLETED)).as("completed after close").isEqualTo(5);
    assertThat(counting.completeAllSizes).as("completeAll batches").containsExactly(5);
    assertThat(f.kinds(jobs.get(0))).containsExactly("submitted", "claimed", "completed");
    assertThat(f.finished("mail", "completed")).isEqualTo(5.0);
  }
}
