package io.athena.testkit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a daemon that claims ahead and records completions in batches relies on: {@code completeAll}
 * and {@code release}. Part of {@link JobStoreContract}; extend that.
 */
public abstract class JobBatchingContract extends JobStoreContractSupport {

  @Test
  @DisplayName("completeAll completes the held jobs and answers exactly those")
  void completeAllCompletesHeldJobs() {
    Job mine = submit("mail");
    Job other = submit("mail");
    Job queued = submit("mail");
    List<Job> claimed = store.claim(D1, Set.of("mail"), 2, LEASE);
    assertThat(claimed).extracting(Job::id).containsExactlyInAnyOrder(mine.id(), other.id());
    store.cancel(other.id()); // no longer held
    Map<JobId, String> results = new HashMap<>();
    results.put(mine.id(), "{\"n\":1}");
    results.put(other.id(), null);
    results.put(queued.id(), null);
    results.put(JobId.random(), null);

    Set<JobId> completed = store.completeAll(D1, results);

    assertThat(completed).as("ids completed").containsExactly(mine.id());
    assertThat(reload(mine).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(compact(reload(mine).result())).isEqualTo("{\"n\":1}");
    assertThat(kinds(mine)).endsWith("completed");
    assertThat(reload(other).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(reload(queued).status()).isEqualTo(JobStatus.QUEUED);
    assertThat(store.completeAll(D1, Map.of())).as("an empty batch").isEmpty();
  }

  @Test
  @DisplayName("completeAll does not complete jobs another daemon holds")
  void completeAllOnlyForTheOwner() {
    Job job = submit("mail");
    claimOne(D1, "mail");
    assertThat(store.completeAll(D2, Map.of(job.id(), "{}"))).isEmpty();
    assertThat(reload(job).status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  @DisplayName("release requeues a held job unstarted, without using up an attempt")
  void releaseRequeuesWithoutAnAttempt() {
    Job job = submit(JobRequest.of("mail", "{}").withMaxAttempts(1));
    claimOne(D1, "mail");
    clock.advance(Duration.ofSeconds(1));

    assertThat(store.release(job.id(), D1)).as("release by the holder").isTrue();

    Job released = reload(job);
    assertThat(released.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(released.attempts()).as("attempts after a release").isZero();
    assertThat(released.leaseOwner()).isNull();
    assertThat(released.runAt()).as("run-at kept").isEqualTo(job.runAt());
    assertThat(kinds(job)).containsExactly("submitted", "claimed", "released");
    Job again = claimOne(D2, "mail");
    assertThat(again.attempts()).as("the single attempt is still there").isEqualTo(1);
    assertThat(store.complete(job.id(), D2, "{}")).isTrue();
  }

  @Test
  @DisplayName("release answers false for a job the daemon does not hold")
  void releaseOnlyByTheHolder() {
    Job job = submit("mail");
    assertThat(store.release(job.id(), D1)).as("a queued job").isFalse();
    claimOne(D1, "mail");
    assertThat(store.release(job.id(), D2)).as("another daemon's job").isFalse();
    assertThat(store.release(JobId.random(), D1)).as("an unknown job").isFalse();
    assertThat(store.complete(job.id(), D1, null)).isTrue();
    assertThat(store.release(job.id(), D1)).as("an ended job").isFalse();
    assertThat(reload(job).status()).isEqualTo(JobStatus.COMPLETED);
  }
}
