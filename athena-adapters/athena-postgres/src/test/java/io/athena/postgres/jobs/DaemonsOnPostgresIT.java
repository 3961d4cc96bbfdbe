package io.athena.postgres.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.core.daemon.AthenaDaemon;
import io.athena.core.daemon.DaemonRole;
import io.athena.spi.jobs.DaemonInfo;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobContext;
import io.athena.spi.jobs.JobEvent;
import io.athena.spi.jobs.JobHandler;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import io.athena.testkit.jobs.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real {@link AthenaDaemon}s, each with its own PostgreSQL store and pool, on one database. */
class DaemonsOnPostgresIT {
  private static final String DATABASE = "jobs_daemons_e2e_it";

  private final List<HikariDataSource> pools = new ArrayList<>();
  private final List<AthenaDaemon> daemons = new ArrayList<>();

  @BeforeEach
  void freshDatabase() {
    JobsIt.freshDatabase(DATABASE);
  }

  @AfterEach
  void stopEverything() {
    daemons.forEach(AthenaDaemon::close);
    pools.forEach(HikariDataSource::close);
  }

  private PostgresJobStore store(String name, SettableClock clock) {
    HikariDataSource pool = JobsIt.pool(DATABASE, name, 8);
    pools.add(pool);
    return PostgresJobStore.builder(pool).clock(clock).build().start();
  }

  private AthenaDaemon daemon(
      String id, PostgresJobStore store, SettableClock clock, JobHandler handler) {
    AthenaDaemon daemon =
        AthenaDaemon.builder()
            .daemonId(id)
            .role(DaemonRole.DAEMON)
            .store(store)
            .registry(store.daemonRegistry())
            .clock(clock)
            .handler(handler)
            .concurrency(handler.family(), 8)
            .pollInterval(Duration.ofMillis(20))
            .reaperInterval(Duration.ofMillis(50))
            .drainTimeout(Duration.ofMillis(200))
            .build()
            .start();
    daemons.add(daemon);
    return daemon;
  }

  @Test
  @DisplayName("two daemons on two stores run 2 000 no-op jobs, each exactly once")
  void twoDaemonsRunEachJobOnce() {
    SettableClock clock = new SettableClock();
    PostgresJobStore a = store("daemon-a", clock);
    PostgresJobStore b = store("daemon-b", clock);
    Map<JobId, Integer> runs = new ConcurrentHashMap<>();
    Map<JobId, String> runBy = new ConcurrentHashMap<>();
    JobHandler noop =
        handler(
            "noop",
            ctx -> {
              runs.merge(ctx.job().id(), 1, Integer::sum);
              runBy.put(ctx.job().id(), ctx.daemonId());
              return null;
            });
    daemon("daemon-a", a, clock, noop);
    daemon("daemon-b", b, clock, noop);
    int jobs = 2000;
    a.submitAll(JobsIt.requests("noop", jobs / 2));
    b.submitAll(JobsIt.requests("noop", jobs / 2));

    awaitTrue(() -> a.depth().get("noop").getOrDefault(JobStatus.COMPLETED, 0L) == jobs, 30);

    assertThat(runs).as("jobs run").hasSize(jobs);
    assertThat(runs.values()).as("runs per job").containsOnly(1);
    assertThat(runBy.values()).as("daemons that ran jobs").contains("daemon-a", "daemon-b");
    assertThat(a.depth().get("noop")).containsOnlyKeys(JobStatus.COMPLETED);
    assertThat(
            JobsIt.count(
                pools.get(0), "SELECT count(*) FROM athena_job_events WHERE kind = 'completed'"))
        .isEqualTo(jobs);
    assertThat(a.daemonRegistry().list())
        .extracting(DaemonInfo::daemonId)
        .containsExactlyInAnyOrder("daemon-a", "daemon-b");
  }

  @Test
  @DisplayName("a daemon closed mid-job leaves its lease to lapse; another daemon finishes the job")
  void jobOfAClosedDaemonIsFinishedByAnother() throws Exception {
    SettableClock clock = new SettableClock();
    PostgresJobStore a = store("closing-a", clock);
    PostgresJobStore b = store("finishing-b", clock);
    CountDownLatch started = new CountDownLatch(1);
    JobHandler slow =
        handler(
            "slow",
            ctx -> {
              if (ctx.daemonId().equals("daemon-a")) {
                started.countDown();
                Thread.sleep(60_000); // interrupted when daemon-a gives up on it
              }
              return "{\"by\":\"" + ctx.daemonId() + "\"}";
            });
    AthenaDaemon daemonA = daemon("daemon-a", a, clock, slow);
    Job job = a.submit(JobRequest.of("slow", "{}"));
    assertThat(started.await(10, TimeUnit.SECONDS)).as("daemon-a started the job").isTrue();
    daemon("daemon-b", b, clock, slow);

    daemonA.close(); // drains for 200 ms, then abandons the attempt and leaves the lease
    assertThat(b.get(job.id()).orElseThrow().leaseOwner()).isEqualTo("daemon-a");
    clock.advance(AthenaDaemon.DEFAULT_LEASE.plusSeconds(1));

    awaitTrue(() -> b.get(job.id()).orElseThrow().status() == JobStatus.COMPLETED, 10);
    Job done = b.get(job.id()).orElseThrow();
    assertThat(done.result()).isEqualTo("{\"by\":\"daemon-b\"}");
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(b.events(job.id()))
        .extracting(JobEvent::kind)
        .containsSubsequence("claimed", "lease_expired", "claimed", "completed");
  }

  /** A handler of {@code family} running {@code body}. */
  private static JobHandler handler(String family, Body body) {
    return new JobHandler() {
      @Override
      public String family() {
        return family;
      }

      @Override
      public String handle(JobContext context) throws Exception {
        return body.run(context);
      }
    };
  }

  @FunctionalInterface
  private interface Body {
    String run(JobContext context) throws Exception;
  }

  private static void awaitTrue(BooleanSupplier condition, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + seconds + " s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
    }
  }
}
