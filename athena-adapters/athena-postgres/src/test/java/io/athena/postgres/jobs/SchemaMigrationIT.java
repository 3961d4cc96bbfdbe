package io.athena.postgres.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.spi.jobs.JobRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Versioned migrations: concurrent starts, custom schemas, idempotence. */
class SchemaMigrationIT {

  @Test
  @DisplayName("four processes migrating one empty database at once all succeed, with one schema")
  void concurrentMigratorsAllSucceed() throws Exception {
    String database = "jobs_migrate_race_it";
    JobsIt.freshDatabase(database);
    int processes = 4;
    List<HikariDataSource> pools = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(processes);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<PostgresJobStore>> starts = new ArrayList<>();
      for (int i = 0; i < processes; i++) {
        HikariDataSource pool = JobsIt.pool(database, "migrator-" + i, 2);
        pools.add(pool);
        starts.add(
            threads.submit(
                () -> {
                  go.await();
                  return PostgresJobStore.builder(pool).build().start();
                }));
      }
      go.countDown();
      for (Future<PostgresJobStore> start : starts) {
        start.get(30, TimeUnit.SECONDS).submit(JobRequest.of("mail", "{}"));
      }
      HikariDataSource any = pools.get(0);
      assertThat(
              JobsIt.column(
                  any, "SELECT component || ':' || version FROM athena_schema_migrations"))
          .as("recorded migrations")
          .containsExactly("jobs:1");
      assertThat(JobsIt.count(any, "SELECT count(*) FROM athena_jobs")).isEqualTo(processes);
    } finally {
      threads.shutdownNow();
      pools.forEach(HikariDataSource::close);
    }
  }

  @Test
  @DisplayName("a custom schema is created, quoted, and kept apart from another store's schema")
  void customSchemaIsQuotedAndSeparate() {
    String database = "jobs_schema_it";
    JobsIt.freshDatabase(database);
    try (HikariDataSource pool = JobsIt.pool(database, "schemas", 2)) {
      PostgresJobStore mixedCase = PostgresJobStore.builder(pool).schema("Athena_Jobs").build();
      PostgresJobStore plain = PostgresJobStore.builder(pool).build();
      mixedCase.submit(JobRequest.of("mail", "{}"));
      mixedCase.submit(JobRequest.of("mail", "{}"));
      plain.submit(JobRequest.of("mail", "{}"));

      assertThat(JobsIt.count(pool, "SELECT count(*) FROM \"Athena_Jobs\".athena_jobs"))
          .isEqualTo(2);
      assertThat(JobsIt.count(pool, "SELECT count(*) FROM public.athena_jobs")).isEqualTo(1);
      assertThat(plain.depth().get("mail")).containsValue(1L);
    }
  }

  @Test
  @DisplayName("starting again, or after a restart, applies nothing twice")
  void startIsIdempotent() {
    String database = "jobs_restart_schema_it";
    JobsIt.freshDatabase(database);
    try (HikariDataSource pool = JobsIt.pool(database, "restart-schema", 2)) {
      PostgresJobStore first = PostgresJobStore.builder(pool).build().start().start();
      first.close();
      PostgresJobStore.builder(pool).build().start();
      assertThat(JobsIt.count(pool, "SELECT count(*) FROM athena_schema_migrations")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a schema name that is not a plain identifier is refused when building")
  void badSchemaNameIsRefused() {
    try (HikariDataSource pool = JobsIt.pool("postgres", "bad-schema", 1)) {
      assertThatThrownBy(() -> PostgresJobStore.builder(pool).schema("x\"; DROP TABLE y").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("schema was");
    }
  }
}
