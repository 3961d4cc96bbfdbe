package io.athena.testkit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The queue half of the job store contract: claim order, run-at, leases, retries and concurrent
 * claims. Extend {@link JobStoreContract}, which adds the rest.
 */
public abstract class JobQueueContract extends JobBatchingContract {

  @Test
  @DisplayName("claims the highest priority first")
  void claimsHighestPriorityFirst() {
    Job low = submit(JobRequest.of("mail", "{}").withPriority(0));
    Job high = submit(JobRequest.of("mail", "{}").withPriority(5));
    Job middle = submit(JobRequest.of("mail", "{}").withPriority(1));
    assertThat(
            List.of(
                claimOne(D1, "mail").id(), claimOne(D1, "mail").id(), claimOne(D1, "mail").id()))
        .as("claim order by priority desc")
        .containsExactly(high.id(), middle.id(), low.id());
  }

  @Test
  @DisplayName("among equal priorities, claims the earliest run-at first")
  void claimsEarliestRunAtFirst() {
    Job later = submit(JobRequest.of("mail", "{}").withRunAt(now().minusSeconds(1)));
    Job earlier = submit(JobRequest.of("mail", "{}").withRunAt(now().minusSeconds(2)));
    assertThat(List.of(claimOne(D1, "mail").id(), claimOne(D1, "mail").id()))
        .as("claim order by run-at asc")
        .containsExactly(earlier.id(), later.id());
  }

  @Test
  @DisplayName("among equal priorities and run-at, claims the oldest first")
  void claimsOldestFirst() {
    Instant due = now();
    Job older = submit(JobRequest.of("mail", "{}").withRunAt(due));
    clock.advance(Duration.ofMillis(1));
    Job newer = submit(JobRequest.of("mail", "{}").withRunAt(due));
    assertThat(List.of(claimOne(D1, "mail").id(), claimOne(D1, "mail").id()))
        .as("claim order by created asc")
        .containsExactly(older.id(), newer.id());
  }

  @Test
  @DisplayName("a job is not claimable before its run-at, and is at run-at")
  void honoursRunAt() {
    Job job = submit(JobRequest.of("mail", "{}").withRunAt(now().plusSeconds(10)));
    assertNothingClaimable("mail");
    clock.advance(Duration.ofSeconds(9));
    assertNothingClaimable("mail");
    clock.advance(Duration.ofSeconds(1));
    assertThat(claimOne(D1, "mail").id()).isEqualTo(job.id());
  }

  @Test
  @DisplayName("claims only the families asked for")
  void claimsOnlyRequestedFamilies() {
    submit("mail");
    Job sms = submit("sms");
    Job push = submit("push");
    List<Job> claimed = store.claim(D1, Set.of("sms", "push"), 10, LEASE);
    assertThat(claimed).extracting(Job::id).containsExactlyInAnyOrder(sms.id(), push.id());
    assertThat(store.claim(D1, Set.of("fax"), 10, LEASE)).as("claim of an empty family").isEmpty();
  }

  @Test
  @DisplayName("claims at most max jobs per call")
  void claimsAtMostMax() {
    for (int i = 0; i < 5; i++) {
      submit("mail");
    }
    assertThat(store.claim(D1, Set.of("mail"), 3, LEASE)).hasSize(3);
    assertThat(store.claim(D1, Set.of("mail"), 3, LEASE)).hasSize(2);
    assertNothingClaimable("mail");
  }

  @Test
  @DisplayName("a claim starts an attempt and leases the job to the daemon")
  void claimLeasesTheJob() {
    Job job = submit("mail");
    Job claimed = claimOne(D1, "mail");
    for (Job seen : List.of(claimed, reload(job))) {
      assertThat(seen.status()).isEqualTo(JobStatus.RUNNING);
      assertThat(seen.attempts()).as("attempts after one claim").isEqualTo(1);
      assertThat(seen.leaseOwner()).isEqualTo(D1);
      assertThat(seen.leaseExpiresAt()).isEqualTo(now().plus(LEASE));
    }
    assertThat(kinds(job)).containsExactly("submitted", "claimed");
    assertThat(store.events(job.id()).get(1).daemonId()).isEqualTo(D1);
  }

  @Test
  @DisplayName("claim refuses a max below 1")
  void claimRejectsZeroMax() {
    assertThatThrownBy(() -> store.claim(D1, Set.of("mail"), 0, LEASE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a heartbeat extends the lease, so the reaper leaves the job alone")
  void heartbeatExtendsLease() {
    Job job = submit("mail");
    claimOne(D1, "mail");
    clock.advance(Duration.ofSeconds(20));
    assertThat(store.heartbeat(job.id(), D1, LEASE)).as("heartbeat of the owner").isTrue();
    assertThat(reload(job).leaseExpiresAt()).isEqualTo(now().plus(LEASE));
    clock.advance(Duration.ofSeconds(20)); // 40 s after the claim: past the first lease
    assertThat(store.reapExpiredLeases()).as("jobs reaped").isZero();
    assertThat(reload(job).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(reload(job).leaseOwner()).isEqualTo(D1);
  }

  @Test
  @DisplayName("a lease that has not lapsed is not reaped")
  void liveLeaseIsNotReaped() {
    submit("mail");
    claimOne(D1, "mail");
    clock.advance(LEASE.minusSeconds(1));
    assertThat(store.reapExpiredLeases()).isZero();
  }

  @Test
  @DisplayName("a lapsed lease is reaped back to the queue while attempts remain")
  void lapsedLeaseIsReapedToQueue() {
    Job job = submit(JobRequest.of("mail", "{}").withMaxAttempts(3));
    claimOne(D1, "mail");
    clock.advance(LEASE.plusSeconds(1));
    assertThat(store.reapExpiredLeases()).as("jobs reaped").isEqualTo(1);
    Job reaped = reload(job);
    assertThat(reaped.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(reaped.leaseOwner()).isNull();
    assertThat(reaped.attempts()).isEqualTo(1);
    assertThat(kinds(job)).containsExactly("submitted", "claimed", "lease_expired");
    assertThat(claimOne(D2, "mail").attempts()).as("attempts after the second claim").isEqualTo(2);
  }

  @Test
  @DisplayName("a lapsed lease on the last attempt fails the job for good")
  void lapsedLeaseOnLastAttemptFails() {
    Job job = submit(JobRequest.of("mail", "{}").withMaxAttempts(1));
    claimOne(D1, "mail");
    clock.advance(LEASE.plusSeconds(1));
    assertThat(store.reapExpiredLeases()).isEqualTo(1);
    Job failed = reload(job);
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.lastError()).as("last error of a reaped job").isNotBlank();
    assertThat(failed.leaseOwner()).isNull();
    assertThat(kinds(job)).contains("lease_expired");
    assertNothingClaimable("mail");
  }

  @Test
  @DisplayName("after losing its lease a daemon can neither heartbeat, complete nor fail")
  void lostLeaseAnswersFalse() {
    Job job = submit("mail");
    claimOne(D1, "mail");
    clock.advance(LEASE.plusSeconds(1));
    store.reapExpiredLeases();
    claimOne(D2, "mail");
    assertThat(store.heartbeat(job.id(), D1, LEASE)).as("heartbeat of the old owner").isFalse();
    assertThat(store.complete(job.id(), D1, "{}")).as("complete by the old owner").isFalse();
    assertThat(store.fail(job.id(), D1, "late", null)).as("fail by the old owner").isFalse();
    assertThat(store.complete(job.id(), D2, "{\"by\":2}")).as("complete by the owner").isTrue();
    assertThat(compact(reload(job).result())).isEqualTo("{\"by\":2}");
  }

  @Test
  @DisplayName("only the lease owner may heartbeat, complete or fail a job")
  void onlyTheOwnerActs() {
    Job job = submit("mail");
    claimOne(D1, "mail");
    assertThat(store.heartbeat(job.id(), D2, LEASE)).isFalse();
    assertThat(store.complete(job.id(), D2, null)).isFalse();
    assertThat(store.fail(job.id(), D2, "not mine", null)).isFalse();
    assertThat(store.complete(JobId.random(), D1, null)).as("complete of an unknown job").isFalse();
    assertThat(reload(job).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(reload(job).leaseOwner()).isEqualTo(D1);
  }

  @Test
  @DisplayName("complete stores the result and ends the lease")
  void completeStoresResult() {
    Job job = submit("mail");
    claimOne(D1, "mail");
    assertThat(store.complete(job.id(), D1, "{\"sent\":true}")).isTrue();
    Job done = reload(job);
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(compact(done.result())).isEqualTo("{\"sent\":true}");
    assertThat(done.leaseOwner()).isNull();
    assertThat(done.leaseExpiresAt()).isNull();
    assertThat(kinds(job)).endsWith("completed");
    assertThat(store.complete(job.id(), D1, null)).as("second complete").isFalse();
  }

  @Test
  @DisplayName("a failure with a retry time requeues the job, not claimable until then")
  void failWithRetryAtRequeues() {
    Job job = submit(JobRequest.of("mail", "{}").withMaxAttempts(3));
    claimOne(D1, "mail");
    Instant retryAt = now().plusSeconds(5);
    assertThat(store.fail(job.id(), D1, "smtp down", retryAt)).isTrue();
    Job queued = reload(job);
    assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(queued.runAt()).isEqualTo(retryAt);
    assertThat(queued.lastError()).isEqualTo("smtp down");
    assertThat(queued.leaseOwner()).isNull();
    assertNothingClaimable("mail");
    clock.advance(Duration.ofSeconds(4));
    assertNothingClaimable("mail");
    clock.advance(Duration.ofSeconds(1));
    assertThat(claimOne(D1, "mail").attempts()).isEqualTo(2);
    assertThat(kinds(job)).containsExactly("submitted", "claimed", "retry_scheduled", "claimed");
  }

  @Test
  @DisplayName("a failure without a retry time is terminal and keeps the error")
  void failWithoutRetryAtIsTerminal() {
    Job job = submit("mail");
    claimOne(D1, "mail");
    assertThat(store.fail(job.id(), D1, "bad address", null)).isTrue();
    Job failed = reload(job);
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.lastError()).isEqualTo("bad address");
    assertThat(failed.leaseOwner()).isNull();
    assertThat(kinds(job)).containsExactly("submitted", "claimed", "failed");
    assertNothingClaimable("mail");
  }

  @Test
  @DisplayName("concurrent claimers complete every job exactly once")
  void concurrentClaimersCompleteEachJobOnce() throws Exception {
    int jobs = concurrentJobs();
    for (int i = 0; i < jobs; i++) {
      submit("bulk");
    }
    Map<JobId, Integer> claims = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(claimerThreads());
    try {
      List<Future<Integer>> workers = new ArrayList<>();
      for (int t = 0; t < claimerThreads(); t++) {
        String daemon = "claimer-" + t;
        workers.add(pool.submit(() -> drain(daemon, start, claims)));
      }
      start.countDown();
      int completed = 0;
      for (Future<Integer> worker : workers) {
        completed += worker.get(60, TimeUnit.SECONDS);
      }
      assertThat(completed).as("completions across all claimers").isEqualTo(jobs);
    } finally {
      pool.shutdownNow();
    }
    assertThat(claims).as("distinct jobs claimed").hasSize(jobs);
    assertThat(claims.values()).as("claims per job").containsOnly(1);
    assertThat(store.depth().get("bulk")).containsEntry(JobStatus.COMPLETED, (long) jobs);
  }

  /** Claims and completes until the queue is empty; returns how many this claimer completed. */
  private int drain(String daemon, CountDownLatch start, Map<JobId, Integer> claims)
      throws InterruptedException {
    start.await();
    int completed = 0;
    while (true) {
      List<Job> batch = store.claim(daemon, Set.of("bulk"), 5, LEASE);
      if (batch.isEmpty()) {
        return completed;
      }
      for (Job job : batch) {
        claims.merge(job.id(), 1, Integer::sum);
        if (store.complete(job.id(), daemon, null)) {
          completed++;
        }
      }
    }
  }
}
