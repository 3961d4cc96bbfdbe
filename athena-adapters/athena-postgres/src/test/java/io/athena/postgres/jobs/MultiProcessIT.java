package io.athena.postgres.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobEvent;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobStatus;
import io.athena.testkit.jobs.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Several stores on one database, each with its own pool, stand for several processes: claims never
 * overlap, a restart loses nothing, and a dead daemon's jobs are reaped and finished.
 */
class MultiProcessIT {
  private static final String DATABASE = "jobs_processes_it";
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final SettableClock clock = new SettableClock();
  private final List<HikariDataSource> pools = new ArrayList<>();

  @BeforeEach
  void freshDatabase() {
    JobsIt.freshDatabase(DATABASE);
  }

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }

  /** A store with a pool of its own: one "process". */
  private PostgresJobStore process(String name) {
    HikariDataSource pool = JobsIt.pool(DATABASE, name, 6);
    pools.add(pool);
    return PostgresJobStore.builder(pool).clock(clock).build().start();
  }

  @Test
  @DisplayName("two processes with four claimers each complete 4 000 jobs, each exactly once")
  void twoProcessesCompleteEachJobOnce() throws Exception {
    PostgresJobStore a = process("process-a");
    PostgresJobStore b = process("process-b");
    int jobs = 4000;
    a.submitAll(JobsIt.requests("bulk", jobs / 2));
    b.submitAll(JobsIt.requests("bulk", jobs / 2));
    Map<JobId, Integer> claims = new ConcurrentHashMap<>();
    AtomicInteger completed = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        PostgresJobStore store = i % 2 == 0 ? a : b;
        String daemon = "daemon-" + i;
        boolean batched = i % 4 < 2; // half complete one by one, half in batches
        workers.add(threads.submit(() -> drain(store, daemon, batched, go, claims, completed)));
      }
      go.countDown();
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(claims).as("distinct jobs claimed").hasSize(jobs);
    assertThat(claims.values()).as("claims per job").containsOnly(1);
    assertThat(completed.get()).as("completions").isEqualTo(jobs);
    assertThat(a.depth().get("bulk")).containsExactly(Map.entry(JobStatus.COMPLETED, (long) jobs));
    HikariDataSource ds = pools.get(0);
    assertThat(JobsIt.count(ds, "SELECT count(*) FROM athena_job_events WHERE kind = 'completed'"))
        .as("completed events")
        .isEqualTo(jobs);
    assertThat(JobsIt.count(ds, "SELECT count(*) FROM athena_job_events WHERE kind = 'claimed'"))
        .as("claimed events")
        .isEqualTo(jobs);
  }

  private static Void drain(
      PostgresJobStore store,
      String daemon,
      boolean batched,
      CountDownLatch go,
      Map<JobId, Integer> claims,
      AtomicInteger completed)
      throws InterruptedException {
    go.await();
    while (true) {
      List<Job> batch = store.claim(daemon, Set.of("bulk"), 25, LEASE);
      if (batch.isEmpty()) {
        return null;
      }
      batch.forEach(job -> claims.merge(job.id(), 1, Integer::sum));
      if (batched) {
        Map<JobId, String> results = new HashMap<>();
        batch.forEach(job -> results.put(job.id(), "{\"ok\":true}"));
        completed.addAndGet(store.completeAll(daemon, results).size());
      } else {
        for (Job job : batch) {
          if (store.complete(job.id(), daemon, null)) {
            completed.incrementAndGet();
          }
        }
      }
    }
  }

  @Test
  @DisplayName(
      "a restart loses no job: queued ones stay queued, running ones come back via the reaper")
  void restartLosesNothing() {
    PostgresJobStore before = process("before-restart");
    List<Job> submitted = before.submitAll(JobsIt.requests("mail", 300));
    List<Job> running = before.claim("daemon-a", Set.of("mail"), 50, LEASE);
    for (Job job : running.subList(0, 20)) {
      assertThat(before.complete(job.id(), "daemon-a", null)).isTrue();
    }
    before.close();
    pools.remove(0).close(); // the process is gone, connections and all

    PostgresJobStore after = process("after-restart");
    assertThat(after.depth().get("mail"))
        .containsOnly(
            Map.entry(JobStatus.QUEUED, 250L),
            Map.entry(JobStatus.RUNNING, 30L),
            Map.entry(JobStatus.COMPLETED, 20L));
    List<Job> queued = after.claim("daemon-b", Set.of("mail"), 1000, LEASE);
    assertThat(queued).hasSize(250);
    queued.forEach(job -> assertThat(after.complete(job.id(), "daemon-b", null)).isTrue());
    clock.advance(LEASE.plusSeconds(1));
    assertThat(after.reapExpiredLeases()).as("leases of the old process reaped").isEqualTo(30);
    List<Job> reclaimed = after.claim("daemon-b", Set.of("mail"), 1000, LEASE);
    assertThat(reclaimed).hasSize(30).allSatisfy(j -> assertThat(j.attempts()).isEqualTo(2));
    assertThat(submitted).extracting(Job::id).doesNotHaveDuplicates().hasSize(300);
  }

  @Test
  @DisplayName("a daemon that stops heartbeating loses its jobs to another, which finishes them")
  void killedDaemonsJobsAreReapedAndFinished() {
    PostgresJobStore doomed = process("doomed");
    PostgresJobStore survivor = process("survivor");
    doomed.submitAll(JobsIt.requests("mail", 10));
    List<Job> held = doomed.claim("daemon-doomed", Set.of("mail"), 10, LEASE);
    assertThat(held).hasSize(10);
    clock.advance(Duration.ofSeconds(10));
    held.forEach(job -> assertThat(doomed.heartbeat(job.id(), "daemon-doomed", LEASE)).isTrue());
    // the doomed daemon is killed here: no more heartbeats, its pool goes away
    doomed.close();
    pools.get(0).close();

    clock.advance(Duration.ofSeconds(20));
    assertThat(survivor.reapExpiredLeases()).as("reaped before the lease lapsed").isZero();
    clock.advance(Duration.ofSeconds(11));
    assertThat(survivor.reapExpiredLeases()).as("reaped after the lease lapsed").isEqualTo(10);
    List<Job> taken = survivor.claim("daemon-survivor", Set.of("mail"), 10, LEASE);
    assertThat(taken).hasSize(10);
    taken.forEach(job -> assertThat(survivor.complete(job.id(), "daemon-survivor", "{}")).isTrue());

    PostgresJobStore zombie = process("zombie"); // the old daemon comes back too late
    assertThat(zombie.complete(held.get(0).id(), "daemon-doomed", "{}")).isFalse();
    List<JobEvent> events = survivor.events(held.get(0).id());
    assertThat(events)
        .extracting(JobEvent::kind)
        .containsExactly("submitted", "claimed", "lease_expired", "claimed", "completed");
    assertThat(events.get(2).message()).contains("daemon-doomed");
    assertThat(survivor.depth().get("mail")).containsExactly(Map.entry(JobStatus.COMPLETED, 10L));
  }
}
