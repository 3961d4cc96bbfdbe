package io.athena.postgres.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import io.athena.testkit.jobs.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The store's extras: {@code submitAll} and {@code completeAll}. */
class BatchOperationsIT {
  private static final String DATABASE = "jobs_batches_it";
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static HikariDataSource pool;
  private PostgresJobStore store;

  @BeforeAll
  static void createDatabase() {
    JobsIt.freshDatabase(DATABASE);
    pool = JobsIt.pool(DATABASE, "batches", 4);
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  @BeforeEach
  void emptyStore() {
    store = PostgresJobStore.builder(pool).build().start();
    JobsIt.execute(pool, "TRUNCATE athena_jobs, athena_job_events");
  }

  @Test
  @DisplayName("submitAll stores more than one batch, answering the jobs in request order")
  void submitAllKeepsOrderAcrossBatches() {
    int n = PostgresJobStore.MAX_BATCH * 2 + 17;
    List<Job> jobs = store.submitAll(JobsIt.requests("mail", n));
    assertThat(jobs).hasSize(n).extracting(Job::id).doesNotHaveDuplicates();
    for (int i = 0; i < n; i++) {
      assertThat(jobs.get(i).payload()).isEqualTo("{\"n\":" + i + "}");
    }
    assertThat(store.depth().get("mail")).containsExactly(Map.entry(JobStatus.QUEUED, (long) n));
    assertThat(
            JobsIt.count(pool, "SELECT count(*) FROM athena_job_events WHERE kind = 'submitted'"))
        .isEqualTo(n);
  }

  @Test
  @DisplayName("submitAll answers the existing job for a taken key, also within one list")
  void submitAllHonoursIdempotencyKeys() {
    Job existing = store.submit(JobRequest.of("mail", "{\"v\":0}").withIdempotencyKey("taken"));
    List<Job> jobs =
        store.submitAll(
            List.of(
                JobRequest.of("mail", "{\"v\":1}").withIdempotencyKey("taken"),
                JobRequest.of("mail", "{\"v\":2}").withIdempotencyKey("fresh"),
                JobRequest.of("mail", "{\"v\":3}").withIdempotencyKey("fresh"),
                JobRequest.of("mail", "{\"v\":4}")));
    assertThat(jobs.get(0).id()).isEqualTo(existing.id());
    assertThat(jobs.get(1).payload()).isEqualTo("{\"v\":2}");
    assertThat(jobs.get(2).id()).as("a repeated key in one list").isEqualTo(jobs.get(1).id());
    assertThat(jobs.get(3).idempotencyKey()).isNull();
    assertThat(JobsIt.count(pool, "SELECT count(*) FROM athena_jobs")).isEqualTo(3);
  }

  @Test
  @DisplayName("completeAll completes the held jobs and reports only those")
  void completeAllReportsHeldJobs() {
    store.submitAll(JobsIt.requests("mail", 5));
    List<Job> mine = store.claim("d1", Set.of("mail"), 3, LEASE);
    List<Job> theirs = store.claim("d2", Set.of("mail"), 2, LEASE);
    Map<JobId, String> results = new HashMap<>();
    mine.forEach(j -> results.put(j.id(), "{\"r\":1}"));
    theirs.forEach(j -> results.put(j.id(), null));
    results.put(new JobId("not-a-uuid"), null);
    results.put(JobId.random(), null);

    Set<JobId> completed = store.completeAll("d1", results);

    assertThat(completed).containsExactlyInAnyOrderElementsOf(mine.stream().map(Job::id).toList());
    assertThat(store.get(mine.get(0).id()).orElseThrow().result()).isEqualTo("{\"r\":1}");
    assertThat(store.get(theirs.get(0).id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  @DisplayName("the reaper deletes jobs that ended before the retention, with their events")
  void reaperPurgesOldFinishedJobs() {
    SettableClock clock = new SettableClock();
    PostgresJobStore timed =
        PostgresJobStore.builder(pool).clock(clock).finishedRetention(Duration.ofHours(1)).build();
    Job done = timed.submit(JobRequest.of("mail", "{}").withIdempotencyKey("once"));
    timed.claim("d1", Set.of("mail"), 1, LEASE);
    timed.complete(done.id(), "d1", null);
    Job cancelled = timed.submit(JobRequest.of("mail", "{}"));
    timed.cancel(cancelled.id());
    Job waiting =
        timed.submit(JobRequest.of("mail", "{}").withRunAt(clock.instant().plusSeconds(7200)));
    clock.advance(Duration.ofMinutes(59));
    Job recent = timed.submit(JobRequest.of("mail", "{}"));
    timed.cancel(recent.id());

    clock.advance(Duration.ofMinutes(2));
    timed.reapExpiredLeases();

    assertThat(timed.get(done.id())).isEmpty();
    assertThat(timed.get(cancelled.id())).isEmpty();
    assertThat(timed.events(done.id())).isEmpty();
    assertThat(timed.get(waiting.id())).as("a queued job, however old").isPresent();
    assertThat(timed.get(recent.id())).as("a job that ended within the retention").isPresent();
    Job again = timed.submit(JobRequest.of("mail", "{}").withIdempotencyKey("once"));
    assertThat(again.id()).as("a key whose job was purged").isNotEqualTo(done.id());
  }

  @Test
  @DisplayName("ids that are not UUIDs name no job and cost no error")
  void foreignIdsAreUnknown() {
    JobId odd = new JobId("42");
    assertThat(store.get(odd)).isEmpty();
    assertThat(store.events(odd)).isEmpty();
    assertThat(store.cancel(odd)).isFalse();
    assertThat(store.retry(odd)).isEmpty();
    assertThat(store.heartbeat(odd, "d1", LEASE)).isFalse();
    assertThat(store.fail(odd, "d1", "x", null)).isFalse();
    assertThat(store.complete(new JobId(JobId.random().value().toUpperCase()), "d1", null))
        .isFalse();
  }

  @Test
  @DisplayName("a claim over several families takes the best jobs across them, in claim order")
  void claimAcrossFamiliesHonoursOrder() {
    List<Job> low = new ArrayList<>();
    for (String family : List.of("a", "b", "c")) {
      low.add(store.submit(JobRequest.of(family, "{}")));
    }
    Job high = store.submit(JobRequest.of("c", "{}").withPriority(9));
    List<Job> claimed = store.claim("d1", Set.of("a", "b", "c"), 2, LEASE);
    assertThat(claimed).extracting(Job::id).containsExactly(high.id(), low.get(0).id());
    assertThat(store.claim("d1", Set.of("a", "b", "c"), 10, LEASE))
        .extracting(Job::id)
        .containsExactly(low.get(1).id(), low.get(2).id());
  }
}
