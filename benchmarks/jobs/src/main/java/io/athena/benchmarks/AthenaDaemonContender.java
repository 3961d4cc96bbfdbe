package io.athena.benchmarks;

import io.athena.core.daemon.AthenaDaemon;
import io.athena.core.daemon.DaemonRole;
import io.athena.postgres.jobs.PostgresJobStore;
import io.athena.spi.jobs.JobContext;
import io.athena.spi.jobs.JobHandler;
import io.athena.spi.jobs.JobRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/** Athena's PostgreSQL store driven by the real {@link AthenaDaemon}. */
final class AthenaDaemonContender implements Contender {
  static final String FAMILY = "noop";

  private final DataSource ds;
  private final PostgresJobStore store;
  private final int workers;
  private final Duration pollInterval;
  private final Completions completions = new Completions();

  AthenaDaemonContender(DataSource ds, int workers, Duration pollInterval) {
    this.ds = ds;
    this.store = PostgresJobStore.builder(ds).build().start();
    this.workers = workers;
    this.pollInterval = pollInterval;
  }

  @Override
  public String name() {
    return "athena PostgresJobStore + AthenaDaemon";
  }

  @Override
  public long run(int n) throws Exception {
    completions.reset(n);
    AthenaDaemon daemon = daemon();
    try {
      long start = System.nanoTime();
      submit(store, n);
      completions.await(5, TimeUnit.MINUTES);
      Sql.awaitCount(
          ds,
          "SELECT count(*) FROM athena_jobs WHERE status = 'completed'",
          n,
          TimeUnit.MINUTES.toNanos(1));
      return System.nanoTime() - start;
    } finally {
      daemon.close();
    }
  }

  private AthenaDaemon daemon() {
    JobHandler noop =
        new JobHandler() {
          @Override
          public String family() {
            return FAMILY;
          }

          @Override
          public String handle(JobContext context) {
            completions.one();
            return null;
          }
        };
    return AthenaDaemon.builder()
        .daemonId("bench-daemon")
        .role(DaemonRole.DAEMON)
        .store(store)
        .handler(noop)
        .concurrency(FAMILY, workers)
        .pollInterval(pollInterval)
        .drainTimeout(Duration.ofSeconds(5))
        .build()
        .start();
  }

  /** Submits {@code n} no-op jobs in {@link PostgresJobStore#submitAll} batches of 1 000. */
  static void submit(PostgresJobStore store, int n) {
    List<JobRequest> batch = new ArrayList<>(1000);
    for (int i = 0; i < n; i++) {
      batch.add(JobRequest.of(FAMILY, "{}"));
      if (batch.size() == 1000) {
        store.submitAll(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.submitAll(batch);
    }
  }

  @Override
  public void reset() throws Exception {
    Sql.execute(ds, "TRUNCATE athena_jobs, athena_job_events");
  }

  @Override
  public void close() {
    store.close();
  }
}
