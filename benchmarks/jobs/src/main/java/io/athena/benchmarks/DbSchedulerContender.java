package io.athena.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * db-scheduler with the lock-and-fetch polling strategy ({@code SELECT ... FOR UPDATE SKIP LOCKED})
 * and its "high throughput" limits from its README (lower 1.0, upper 4.0 × threads). A one-time
 * task's execution row is deleted when it completes, so "all completed" is an empty table.
 */
final class DbSchedulerContender implements Contender {

  /** db-scheduler's PostgreSQL table, as in its {@code postgresql_tables.sql}. */
  static final String[] DDL = {
    "CREATE TABLE IF NOT EXISTS scheduled_tasks ("
        + " task_name text NOT NULL, task_instance text NOT NULL, task_data bytea,"
        + " execution_time timestamp with time zone NOT NULL, picked boolean NOT NULL,"
        + " picked_by text, last_success timestamp with time zone,"
        + " last_failure timestamp with time zone, consecutive_failures int,"
        + " last_heartbeat timestamp with time zone, version bigint NOT NULL, priority smallint,"
        + " PRIMARY KEY (task_name, task_instance))",
    "CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time)",
    "CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
    "CREATE INDEX IF NOT EXISTS priority_execution_time_idx"
        + " ON scheduled_tasks (priority DESC, execution_time ASC)"
  };

  private final DataSource ds;
  private final int threads;
  private final Duration pollInterval;
  private final Completions completions = new Completions();
  private final OneTimeTask<Void> task;
  private int round;

  DbSchedulerContender(DataSource ds, int threads, Duration pollInterval) throws Exception {
    this.ds = ds;
    this.threads = threads;
    this.pollInterval = pollInterval;
    this.task = Tasks.oneTime("noop").execute((instance, context) -> completions.one());
    Sql.execute(ds, DDL);
  }

  @Override
  public String name() {
    return "db-scheduler 16.12.0 lock-and-fetch";
  }

  @Override
  public long run(int n) throws Exception {
    completions.reset(n);
    round++;
    Scheduler scheduler =
        Scheduler.create(ds, task)
            .threads(threads)
            .pollUsingLockAndFetch(1.0, 4.0)
            .pollingInterval(pollInterval)
            .shutdownMaxWait(Duration.ofSeconds(5))
            .build();
    scheduler.start();
    try {
      long start = System.nanoTime();
      List<TaskInstance<?>> batch = new ArrayList<>(1000);
      for (int i = 0; i < n; i++) {
        batch.add(task.instance("r" + round + "-" + i));
        if (batch.size() == 1000) {
          scheduler.scheduleBatch(batch, Instant.now());
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        scheduler.scheduleBatch(batch, Instant.now());
      }
      completions.await(5, TimeUnit.MINUTES);
      Sql.awaitCount(ds, "SELECT count(*) FROM scheduled_tasks", 0, TimeUnit.MINUTES.toNanos(1));
      return System.nanoTime() - start;
    } finally {
      scheduler.stop();
    }
  }

  @Override
  public void reset() throws Exception {
    Sql.execute(ds, "TRUNCATE scheduled_tasks");
  }
}
