package io.athena.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AthenaDaemonTest {
  private final DaemonFixture f = new DaemonFixture();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void closeDaemons() {
    release.countDown();
    f.close();
  }

  @Test
  @DisplayName("a handler runs on a family thread and its result completes the job")
  void runsAndCompletes() {
    List<String> threads = new CopyOnWriteArrayList<>();
    f.start(
        f.daemon(
            "d-1",
            TestHandler.of(
                "email",
                ctx -> {
                  threads.add(Thread.currentThread().getName());
                  ctx.event("info", "progress", "sent", "{\"n\":1}");
                  return "{\"sent\":true}";
                })));
    Job job = f.submit(JobRequest.of("email", "{}"));
    await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.COMPLETED));
    assertThat(f.job(job).result()).isEqualTo("{\"sent\":true}");
    assertThat(f.kinds(job)).containsExactly("submitted", "claimed", "progress", "completed");
    assertThat(threads).singleElement().asString().startsWith("athena-daemon-email-");
    await().untilAsserted(() -> assertThat(f.finished("email", "completed")).isEqualTo(1.0));
    assertThat(f.meters.get(DaemonMetrics.DURATION).tag("family", "email").timer().count())
        .isEqualTo(1);
  }

  @Test
  @DisplayName("a failing job is retried with exponential backoff, then fails for good")
  void retriesWithBackoffThenFails() {
    f.start(
        f.daemon(
            "d-1",
            TestHandler.of(
                "email",
                ctx -> {
                  throw new IOException("smtp down");
                })));
    Instant start = f.clock.instant();
    Job job = f.submit(JobRequest.of("email", "{}").withMaxAttempts(3));
    awaitQueuedAfter(job, 1, start.plusSeconds(1));
    f.clock.advance(Duration.ofSeconds(1));
    awaitQueuedAfter(job, 2, start.plusSeconds(1 + 2));
    f.clock.advance(Duration.ofSeconds(2));
    await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.FAILED));
    Job failed = f.job(job);
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.lastError()).isEqualTo("java.io.IOException: smtp down");
    assertThat(f.kinds(job))
        .containsExactly(
            "submitted",
            "claimed",
            "retry_scheduled",
            "claimed",
            "retry_scheduled",
            "claimed",
            "failed");
    await().untilAsserted(() -> assertThat(f.finished("email", "failed")).isEqualTo(1.0));
    assertThat(f.finished("email", "retried")).isEqualTo(2.0);
  }

  private void awaitQueuedAfter(Job job, int attempts, Instant runAt) {
    await()
        .untilAsserted(
            () -> {
              Job now = f.job(job);
              assertThat(now.status()).isEqualTo(JobStatus.QUEUED);
              assertThat(now.attempts()).isEqualTo(attempts);
              assertThat(now.runAt()).as("retry time after attempt %d", attempts).isEqualTo(runAt);
            });
  }

  @Test
  @DisplayName("a permanent failure ends the job after one attempt")
  void permanentFailure() {
    f.start(
        f.daemon(
            "d-1",
            TestHandler.permanent(
                "email",
                ctx -> {
                  throw new IllegalArgumentException("no such mailbox");
                })));
    Job job = f.submit(JobRequest.of("email", "{}").withMaxAttempts(5));
    await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.FAILED));
    assertThat(f.job(job).attempts()).isEqualTo(1);
    assertThat(f.job(job).lastError()).contains("no such mailbox");
  }

  @Test
  @DisplayName("a result that is not JSON fails the job for good")
  void nonJsonResultFails() {
    f.start(f.daemon("d-1", TestHandler.of("email", ctx -> "sent!")));
    Job job = f.submit(JobRequest.of("email", "{}"));
    await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.FAILED));
    assertThat(f.job(job).lastError()).contains("not JSON");
  }

  @Test
  @DisplayName("heartbeats renew the lease while a long job runs, so it is never reaped")
  void heartbeatRenewsLease() {
    f.start(f.daemon("d-1", TestHandler.of("report", ctx -> awaitRelease())));
    Job job = f.submit(JobRequest.of("report", "{}"));
    await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.RUNNING));
    for (int i = 0; i < 3; i++) {
      Instant now = f.clock.advance(Duration.ofSeconds(20)); // 60 s in all: two leases
      await()
          .untilAsserted(
              () -> assertThat(f.job(job).leaseExpiresAt()).isEqualTo(now.plusSeconds(30)));
    }
    assertThat(f.store.reapExpiredLeases()).isZero();
    release.countDown();
    await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.COMPLETED));
    assertThat(f.kinds(job)).doesNotContain("lease_expired");
  }

  @Test
  @DisplayName("cancelling a running job tells its handler at once and drops its result")
  void cancelRunningJob() {
    AtomicBoolean sawCancel = new AtomicBoolean();
    f.start(
        f.daemon(
            "d-1",
            TestHandler.of(
                "report",
                ctx -> {
                  await().until(ctx::isCancelled);
                  sawCancel.set(true);
                  return "{}";
                })));
    Job job = f.submit(JobRequest.of("report", "{}"));
    await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.RUNNING));
    assertThat(f.jobs.cancel(job.id())).isTrue();
    await().untilAsserted(() -> assertThat(f.finished("report", "cancelled")).isEqualTo(1.0));
    assertThat(sawCancel).isTrue();
    assertThat(f.status(job)).isEqualTo(JobStatus.CANCELLED);
    assertThat(f.kinds(job)).doesNotContain("completed");
  }

  @Test
  @DisplayName("a family never runs more attempts at once than its concurrency")
  void honoursConcurrency() {
    // handlers running right now: jobs claimed ahead are "running" in the store but wait their turn
    AtomicInteger inHandler = new AtomicInteger();
    TestHandler slow =
        TestHandler.of(
            "slow",
            ctx -> {
              inHandler.incrementAndGet();
              try {
                return awaitRelease();
              } finally {
                inHandler.decrementAndGet();
              }
            });
    f.start(f.daemon("d-1", slow).concurrency("slow", 2));
    for (int i = 0; i < 5; i++) {
      f.submit(JobRequest.of("slow", "{}"));
    }
    await().untilAsserted(() -> assertThat(inHandler.get()).isEqualTo(2));
    await().during(Duration.ofMillis(150)).until(() -> inHandler.get() == 2);
    release.countDown();
    await().untilAsserted(() -> assertThat(count("slow", JobStatus.COMPLETED)).isEqualTo(5));
  }

  @Test
  @DisplayName("attempts run on the host's executor when one is given")
  void usesHostExecutor() throws InterruptedException {
    ExecutorService host = Executors.newFixedThreadPool(2, r -> new Thread(r, "host-worker"));
    try {
      List<String> threads = new CopyOnWriteArrayList<>();
      f.start(
          f.daemon(
                  "d-1",
                  TestHandler.of(
                      "email",
                      ctx -> {
                        threads.add(Thread.currentThread().getName());
                        return null;
                      }))
              .executor(host));
      Job job = f.submit(JobRequest.of("email", "{}"));
      await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.COMPLETED));
      assertThat(threads).containsExactly("host-worker");
    } finally {
      host.shutdownNow();
      host.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("a submit through the same Jobs facade wakes the daemon without waiting for a poll")
  void submitWakesDaemon() {
    f.start(
        f.daemon("d-1", TestHandler.of("email", ctx -> null)).pollInterval(Duration.ofHours(1)));
    await().until(() -> f.registry.list().size() == 1); // the first poll has run
    Job job = f.submit(JobRequest.of("email", "{}"));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.COMPLETED));
  }

  @Test
  @DisplayName("a store outage does not kill the loops: jobs run once it is back")
  void survivesStoreOutage() {
    FlakyJobStore flaky = new FlakyJobStore(f.store);
    flaky.failingClaims.set(5);
    flaky.failingHeartbeats.set(3);
    f.start(f.daemon("d-1", TestHandler.of("email", ctx -> null)).store(flaky));
    Job job = f.submit(JobRequest.of("email", "{}"));
    await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.COMPLETED));
    assertThat(flaky.failingClaims.get()).isZero();
  }

  @Test
  @DisplayName("the daemon registers itself with role, families and host, and heartbeats")
  void registersAndHeartbeats() {
    AthenaDaemon daemon =
        f.start(f.daemon("d-1", TestHandler.of("email", ctx -> null)).host("box-1"));
    await().until(() -> f.registry.list().size() == 1);
    var info = f.registry.list().get(0);
    assertThat(info.daemonId()).isEqualTo("d-1");
    assertThat(info.role()).isEqualTo("all");
    assertThat(info.families()).isEqualTo(Set.of("email"));
    assertThat(info.host()).isEqualTo("box-1");
    assertThat(info.status()).isEqualTo("running");
    Instant later = f.clock.advance(Duration.ofSeconds(5));
    await().until(() -> later.equals(f.registry.list().get(0).lastHeartbeatAt()));
    assertThat(daemon.status()).isEqualTo("running");
  }

  private String awaitRelease() throws InterruptedException {
    release.await();
    return "{}";
  }

  private long count(String family, JobStatus status) {
    return f.store.depth().getOrDefault(family, java.util.Map.of()).getOrDefault(status, 0L);
  }
}
