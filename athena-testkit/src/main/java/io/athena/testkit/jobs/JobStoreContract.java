package io.athena.testkit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobEvent;
import io.athena.spi.jobs.JobFilter;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobPage;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The compatibility suite every {@link io.athena.spi.jobs.JobStore} passes, the in-memory reference
 * included. Extend it and implement {@link #newStore}:
 *
 * <pre>{@code
 * class PostgresJobStoreContractTest extends JobStoreContract {
 *   @Override
 *   protected JobStore newStore(InstantSource clock) {
 *     truncateJobTables();
 *     return new PostgresJobStore(dataSource, clock);
 *   }
 * }
 * }</pre>
 *
 * <p>Time only moves when a test advances the {@link SettableClock}; nothing sleeps. Event kinds a
 * store writes: {@code submitted}, {@code claimed}, {@code completed}, {@code retry_scheduled}
 * (failed attempt, requeued), {@code failed} (failed for good), {@code lease_expired}, {@code
 * cancelled}, {@code requeued} (manual retry), {@code released} (given back unstarted). Whether a
 * lease that lapsed but was not reaped yet is still held is left to the store; the suite only tests
 * leases after the reaper ran.
 */
public abstract class JobStoreContract extends JobQueueContract {

  @Test
  @DisplayName("submit stores the request as a queued job, due now unless told otherwise")
  void submitStoresTheRequest() {
    Job job = submit(new JobRequest("mail", "{\"to\":\"ann\"}", 7, null, 4, "welcome-ann"));
    for (Job seen : List.of(job, reload(job))) {
      assertThat(seen.family()).isEqualTo("mail");
      assertThat(compact(seen.payload())).isEqualTo("{\"to\":\"ann\"}");
      assertThat(seen.status()).isEqualTo(JobStatus.QUEUED);
      assertThat(seen.priority()).isEqualTo(7);
      assertThat(seen.runAt()).as("run-at of a job due now").isEqualTo(now());
      assertThat(seen.attempts()).isZero();
      assertThat(seen.maxAttempts()).isEqualTo(4);
      assertThat(seen.idempotencyKey()).isEqualTo("welcome-ann");
      assertThat(seen.leaseOwner()).isNull();
      assertThat(seen.createdAt()).isEqualTo(now());
    }
    assertThat(kinds(job)).containsExactly("submitted");
    assertThat(store.get(JobId.random())).as("an unknown id").isEmpty();
  }

  @Test
  @DisplayName("a second submit with the same idempotency key returns the first job")
  void sameKeySameJob() {
    Job first = submit(JobRequest.of("mail", "{\"n\":1}").withIdempotencyKey("k-1"));
    Job second = submit(JobRequest.of("mail", "{\"n\":2}").withIdempotencyKey("k-1"));
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(compact(second.payload())).as("payload of the first submit").isEqualTo("{\"n\":1}");
    assertThat(store.list(new JobFilter(null, null, 100, null)).jobs()).hasSize(1);
    assertThat(kinds(first)).containsExactly("submitted");
  }

  @Test
  @DisplayName("an idempotency key still returns its job after the job ended")
  void keyOutlivesTheRun() {
    Job first = submit(JobRequest.of("mail", "{}").withIdempotencyKey("k-ended"));
    claimOne(D1, "mail");
    store.complete(first.id(), D1, null);
    Job again = submit(JobRequest.of("mail", "{}").withIdempotencyKey("k-ended"));
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  @DisplayName("jobs without a key are never merged; different keys make different jobs")
  void noKeyNoMerge() {
    assertThat(submit("mail").id()).isNotEqualTo(submit("mail").id());
    Job a = submit(JobRequest.of("mail", "{}").withIdempotencyKey("a"));
    Job b = submit(JobRequest.of("mail", "{}").withIdempotencyKey("b"));
    assertThat(a.id()).isNotEqualTo(b.id());
  }

  @Test
  @DisplayName("concurrent submits with one key make one job")
  void concurrentSameKeyMakesOneJob() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(claimerThreads());
    try {
      List<Future<Job>> submits = new ArrayList<>();
      for (int i = 0; i < claimerThreads() * 2; i++) {
        submits.add(
            pool.submit(() -> submit(JobRequest.of("mail", "{}").withIdempotencyKey("race"))));
      }
      Set<JobId> ids = new HashSet<>();
      for (Future<Job> f : submits) {
        ids.add(f.get(30, TimeUnit.SECONDS).id());
      }
      assertThat(ids).as("ids returned for one key").hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.list(new JobFilter(null, null, 100, null)).jobs()).hasSize(1);
  }

  @Test
  @DisplayName("cancel ends a queued job, which is then never claimed")
  void cancelQueued() {
    Job job = submit("mail");
    assertThat(store.cancel(job.id())).isTrue();
    assertThat(reload(job).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(kinds(job)).endsWith("cancelled");
    assertNothingClaimable("mail");
  }

  @Test
  @DisplayName("cancel ends a running job; its daemon then loses the lease")
  void cancelRunning() {
    Job job = submit("mail");
    claimOne(D1, "mail");
    assertThat(store.cancel(job.id())).isTrue();
    assertThat(reload(job).leaseOwner()).isNull();
    assertThat(store.heartbeat(job.id(), D1, LEASE)).as("heartbeat after cancel").isFalse();
    assertThat(store.complete(job.id(), D1, null)).as("complete after cancel").isFalse();
    assertThat(store.fail(job.id(), D1, "x", null)).as("fail after cancel").isFalse();
    assertThat(reload(job).status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  @DisplayName("cancel of an ended or unknown job answers false")
  void cancelEnded() {
    Job done = submit("mail");
    claimOne(D1, "mail");
    store.complete(done.id(), D1, null);
    Job failed = submit("sms");
    claimOne(D1, "sms");
    store.fail(failed.id(), D1, "x", null);
    Job cancelled = submit("push");
    store.cancel(cancelled.id());
    assertThat(store.cancel(done.id())).as("cancel of a completed job").isFalse();
    assertThat(store.cancel(failed.id())).as("cancel of a failed job").isFalse();
    assertThat(store.cancel(cancelled.id())).as("second cancel").isFalse();
    assertThat(store.cancel(JobId.random())).as("cancel of an unknown job").isFalse();
    assertThat(reload(done).status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  @DisplayName("retry puts a failed job back in the queue, due now, with fresh attempts")
  void retryFailed() {
    Job job = submit(JobRequest.of("mail", "{}").withMaxAttempts(1));
    claimOne(D1, "mail");
    store.fail(job.id(), D1, "x", null);
    clock.advance(Duration.ofMinutes(5));
    Job retried = store.retry(job.id()).orElseThrow();
    assertThat(retried.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(retried.attempts()).isZero();
    assertThat(retried.runAt()).isEqualTo(now());
    assertThat(reload(job).status()).isEqualTo(JobStatus.QUEUED);
    assertThat(claimOne(D1, "mail").attempts()).isEqualTo(1);
  }

  @Test
  @DisplayName("retry puts a cancelled job back in the queue")
  void retryCancelled() {
    Job job = submit("mail");
    store.cancel(job.id());
    assertThat(store.retry(job.id())).isPresent();
    assertThat(claimOne(D1, "mail").id()).isEqualTo(job.id());
  }

  @Test
  @DisplayName("retry of a queued, running, completed or unknown job answers empty")
  void retryOnlyEndedInFailure() {
    Job queued = submit("mail");
    Job running = submit("sms");
    claimOne(D1, "sms");
    Job done = submit("push");
    claimOne(D1, "push");
    store.complete(done.id(), D1, null);
    assertThat(store.retry(queued.id())).as("retry of a queued job").isEmpty();
    assertThat(store.retry(running.id())).as("retry of a running job").isEmpty();
    assertThat(store.retry(done.id())).as("retry of a completed job").isEmpty();
    assertThat(store.retry(JobId.random())).as("retry of an unknown job").isEmpty();
  }

  @Test
  @DisplayName("events are appended in order, with ids, kinds, daemons and details")
  void eventsInOrder() {
    Job job = submit(JobRequest.of("mail", "{}").withMaxAttempts(2));
    claimOne(D1, "mail");
    store.appendEvent(job.id(), D1, "info", "progress", "half way", "{\"pct\":50}");
    store.fail(job.id(), D1, "x", now());
    clock.advance(Duration.ofSeconds(1));
    claimOne(D2, "mail");
    store.complete(job.id(), D2, null);
    List<JobEvent> events = store.events(job.id());
    assertThat(events)
        .extracting(JobEvent::kind)
        .containsExactly(
            "submitted", "claimed", "progress", "retry_scheduled", "claimed", "completed");
    assertThat(events).extracting(JobEvent::daemonId).containsExactly(null, D1, D1, D1, D2, D2);
    assertThat(events).extracting(JobEvent::jobId).containsOnly(job.id());
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).eventId()).isGreaterThan(events.get(i - 1).eventId());
      assertThat(events.get(i).createdAt()).isAfterOrEqualTo(events.get(i - 1).createdAt());
    }
    JobEvent progress = events.get(2);
    assertThat(progress.level()).isEqualTo("info");
    assertThat(progress.message()).isEqualTo("half way");
    assertThat(compact(progress.details())).isEqualTo("{\"pct\":50}");
    assertThat(store.events(JobId.random())).as("events of an unknown job").isEmpty();
  }

  @Test
  @DisplayName("depth counts jobs per family and status")
  void depthCounts() {
    assertThat(store.depth()).as("depth of an empty store").isEmpty();
    submit("mail");
    submit("mail");
    submit("mail");
    Job sms = submit("sms");
    claimOne(D1, "sms");
    store.fail(sms.id(), D1, "x", null);
    store.cancel(submit("sms").id());
    store.claim(D1, Set.of("mail"), 1, LEASE);
    Map<String, Map<JobStatus, Long>> depth = store.depth();
    assertThat(depth).containsOnlyKeys("mail", "sms");
    assertThat(count(depth, "mail", JobStatus.QUEUED)).isEqualTo(2);
    assertThat(count(depth, "mail", JobStatus.RUNNING)).isEqualTo(1);
    assertThat(count(depth, "mail", JobStatus.COMPLETED)).isZero();
    assertThat(count(depth, "sms", JobStatus.FAILED)).isEqualTo(1);
    assertThat(count(depth, "sms", JobStatus.CANCELLED)).isEqualTo(1);
  }

  private static long count(Map<String, Map<JobStatus, Long>> depth, String f, JobStatus s) {
    return depth.getOrDefault(f, Map.of()).getOrDefault(s, 0L);
  }

  @Test
  @DisplayName("list answers newest first and filters by family and status")
  void listNewestFirstWithFilters() {
    List<JobId> submitted = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      submitted.add(submit(i % 2 == 0 ? "mail" : "sms").id());
      clock.advance(Duration.ofSeconds(1));
    }
    store.cancel(submitted.get(2));
    assertThat(ids(store.list(new JobFilter(null, null, 10, null))))
        .containsExactly(submitted.get(3), submitted.get(2), submitted.get(1), submitted.get(0));
    assertThat(ids(store.list(new JobFilter("mail", null, 10, null))))
        .containsExactly(submitted.get(2), submitted.get(0));
    assertThat(ids(store.list(new JobFilter(null, JobStatus.QUEUED, 10, null))))
        .containsExactly(submitted.get(3), submitted.get(1), submitted.get(0));
    assertThat(ids(store.list(new JobFilter("mail", JobStatus.CANCELLED, 10, null))))
        .containsExactly(submitted.get(2));
    assertThat(store.list(new JobFilter("fax", null, 10, null)).jobs()).isEmpty();
  }

  @Test
  @DisplayName("cursor paging covers every job exactly once, newest first")
  void pagingCoversEveryJobOnce() {
    List<JobId> submitted = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      submitted.add(submit(i % 3 == 0 ? "sms" : "mail").id());
      clock.advance(Duration.ofMillis(10));
    }
    List<JobId> expected = new ArrayList<>(submitted);
    Collections.reverse(expected);
    assertThat(pageThrough(null, 5)).as("all jobs, 5 per page").containsExactlyElementsOf(expected);
    assertThat(pageThrough("sms", 3))
        .as("sms jobs, 3 per page")
        .containsExactlyElementsOf(
            expected.stream().filter(id -> submitted.indexOf(id) % 3 == 0).toList());
  }

  @Test
  @DisplayName("cursor paging covers jobs created in the same instant exactly once")
  void pagingWithEqualCreationTimes() {
    Set<JobId> submitted = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      submitted.add(submit("mail").id());
    }
    List<JobId> seen = pageThrough(null, 3);
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen).containsExactlyInAnyOrderElementsOf(submitted);
  }

  @Test
  @DisplayName("list refuses a cursor the store did not issue")
  void listRejectsForeignCursor() {
    submit("mail");
    assertThatThrownBy(() -> store.list(new JobFilter(null, null, 10, "not-a-cursor!")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private List<JobId> pageThrough(String family, int limit) {
    List<JobId> seen = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 1000; page++) {
      JobPage result = store.list(new JobFilter(family, null, limit, cursor));
      assertThat(result.jobs().size()).as("page size").isLessThanOrEqualTo(limit);
      seen.addAll(ids(result));
      cursor = result.nextCursor();
      if (cursor == null) {
        return seen;
      }
    }
    throw new AssertionError("paging did not end after 1000 pages; seen " + seen.size());
  }

  private static List<JobId> ids(JobPage page) {
    return page.jobs().stream().map(Job::id).toList();
  }
}
