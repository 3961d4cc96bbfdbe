package io.athena.benchmarks;

import io.athena.postgres.jobs.PostgresJobStore;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Athena's PostgreSQL store driven by a minimal daemon-like loop that uses the store's batch
 * extras: one poller claims as many jobs as there is room for (up to {@code 4 × workers} claimed
 * and not yet completed, like db-scheduler's lock-and-fetch with an upper limit of 4.0), {@code
 * workers} threads run them, and one completer records finished jobs with {@link
 * PostgresJobStore#completeAll} in batches, so a worker never waits for the database.
 */
final class AthenaLoopContender implements Contender {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final String DAEMON = "bench-loop";

  private final DataSource ds;
  private final PostgresJobStore store;
  private final int workers;
  private final Duration pollInterval;
  private final Completions completions = new Completions();
  // completions the database confirmed: the loop's own count, so the timer needs no polling
  private final Completions recorded = new Completions();

  AthenaLoopContender(DataSource ds, int workers, Duration pollInterval) {
    this.ds = ds;
    this.store = PostgresJobStore.builder(ds).build().start();
    this.workers = workers;
    this.pollInterval = pollInterval;
  }

  @Override
  public String name() {
    return "athena PostgresJobStore + batching loop";
  }

  @Override
  public long run(int n) throws Exception {
    completions.reset(n);
    recorded.reset(n);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    Semaphore room = new Semaphore(workers * 4);
    BlockingQueue<JobId> finished = new LinkedBlockingQueue<>();
    Thread poller = new Thread(() -> poll(pool, room, finished), "bench-poller");
    Thread completer = new Thread(() -> complete(finished, room), "bench-completer");
    poller.start();
    completer.start();
    try {
      long start = System.nanoTime();
      AthenaDaemonContender.submit(store, n);
      recorded.await(5, TimeUnit.MINUTES);
      long nanos = System.nanoTime() - start;
      Sql.awaitCount(
          ds, "SELECT count(*) FROM athena_jobs WHERE status = 'completed'", n, 1_000_000_000L);
      return nanos;
    } finally {
      poller.interrupt();
      completer.interrupt();
      poller.join();
      completer.join();
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private void poll(ExecutorService pool, Semaphore room, BlockingQueue<JobId> finished) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        int want;
        // wait briefly for room for a worthwhile batch (a worker's worth), else take what is free
        if (room.tryAcquire(workers, 1, TimeUnit.MILLISECONDS)) {
          want = workers + room.drainPermits();
        } else {
          room.acquire();
          want = 1 + room.drainPermits();
        }
        List<Job> jobs = store.claim(DAEMON, Set.of(AthenaDaemonContender.FAMILY), want, LEASE);
        room.release(want - jobs.size());
        for (Job job : jobs) {
          pool.execute(
              () -> {
                completions.one(); // the no-op "work"
                finished.add(job.id());
              });
        }
        if (jobs.isEmpty()) {
          Thread.sleep(pollInterval.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void complete(BlockingQueue<JobId> finished, Semaphore room) {
    List<JobId> batch = new ArrayList<>();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        batch.add(finished.take());
        finished.drainTo(batch, PostgresJobStore.MAX_BATCH - 1);
        Map<JobId, String> results = new HashMap<>();
        batch.forEach(id -> results.put(id, null));
        int done = store.completeAll(DAEMON, results).size();
        for (int i = 0; i < done; i++) {
          recorded.one();
        }
        room.release(batch.size());
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
