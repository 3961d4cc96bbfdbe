package io.athena.postgres.jobs;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.spi.jobs.JobStore;
import io.athena.testkit.jobs.JobStoreContract;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL store passes the job store compatibility suite. */
class PostgresJobStoreIT extends JobStoreContract {
  private static final String DATABASE = "jobs_contract_it";
  private static HikariDataSource pool;

  @BeforeAll
  static void createDatabase() {
    JobsIt.freshDatabase(DATABASE);
    pool = JobsIt.pool(DATABASE, "contract", 8);
    PostgresJobStore.builder(pool).build().start();
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  @Override
  protected JobStore newStore(InstantSource clock) {
    JobsIt.execute(pool, "TRUNCATE athena_jobs, athena_job_events, athena_daemons");
    return PostgresJobStore.builder(pool).clock(clock).build().start();
  }

  @Override
  protected int concurrentJobs() {
    return 1000;
  }
}
