package io.athena.postgres.jobs;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.spi.jobs.DaemonRegistry;
import io.athena.testkit.jobs.DaemonRegistryContract;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL daemon registry passes the daemon registry compatibility suite. */
class PostgresDaemonRegistryIT extends DaemonRegistryContract {
  private static final String DATABASE = "jobs_daemons_it";
  private static HikariDataSource pool;

  @BeforeAll
  static void createDatabase() {
    JobsIt.freshDatabase(DATABASE);
    pool = JobsIt.pool(DATABASE, "daemons", 2);
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  @Override
  protected DaemonRegistry newRegistry(InstantSource clock) {
    DaemonRegistry registry = PostgresDaemonRegistry.create(pool, "public", clock);
    registry.list(); // migrates on first use
    JobsIt.execute(pool, "TRUNCATE athena_daemons");
    return registry;
  }
}
