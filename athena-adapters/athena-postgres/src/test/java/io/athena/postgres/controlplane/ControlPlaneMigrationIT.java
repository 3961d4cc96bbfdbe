package io.athena.postgres.controlplane;

import static io.athena.postgres.controlplane.ControlPlaneIt.column;
import static io.athena.postgres.controlplane.ControlPlaneIt.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.postgres.jobs.PostgresJobStore;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The control plane's versioned migrations: concurrent starts, sharing, idempotence. */
class ControlPlaneMigrationIT {
  private static final EmbeddedPostgresFixture PG = EmbeddedPostgresFixture.shared();

  @Test
  @DisplayName("six processes migrating one empty database at once (beside the job store) agree")
  void concurrentMigratorsAllSucceed() throws Exception {
    String database = "control_plane_race_it";
    ControlPlaneIt.freshDatabase(PG, database);
    int processes = 6;
    List<HikariDataSource> pools = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(processes);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<Integer>>> starts = new ArrayList<>();
      for (int i = 0; i < processes; i++) {
        HikariDataSource pool = ControlPlaneIt.pool(PG, database, "migrator-" + i);
        pools.add(pool);
        boolean jobsToo = i % 3 == 0; // another component migrating the same schema at once
        starts.add(
            threads.submit(
                () -> {
                  go.await();
                  if (jobsToo) {
                    PostgresJobStore.builder(pool).build().start();
                  }
                  return PostgresControlPlane.builder(pool).build().migrate();
                }));
      }
      go.countDown();
      List<List<Integer>> applied = new ArrayList<>();
      for (Future<List<Integer>> start : starts) {
        applied.add(start.get(60, TimeUnit.SECONDS));
      }
      assertThat(applied)
          .as("one process applied versions 1 and 2, the others nothing")
          .containsOnlyOnce(List.of(1, 2));
      assertThat(applied.stream().filter(List::isEmpty)).hasSize(processes - 1);
      assertThat(
              column(
                  pools.get(0),
                  "SELECT component || ':' || version FROM athena_schema_migrations ORDER BY 1"))
          .containsExactly("control_plane:1", "control_plane:2", "jobs:1");
      assertThat(
              column(
                  pools.get(0),
                  "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
          .contains(
              "athena_clients",
              "gateway_request_log",
              "client_statistics",
              "client_table_statistics",
              "athena_jobs");
      assertThat(
              column(
                  pools.get(0),
                  "SELECT indexname FROM pg_indexes WHERE tablename = 'gateway_request_log'"
                      + " ORDER BY 1"))
          .as("every index costs each audited request an insert: one b-tree, one BRIN")
          .containsExactly("gateway_request_log_client_newest", "gateway_request_log_created_brin");
    } finally {
      threads.shutdownNow();
      pools.forEach(HikariDataSource::close);
    }
  }

  @Test
  @DisplayName("a restart applies nothing twice; a custom schema is created and kept apart")
  void idempotentAndSchemaAware() {
    String database = "control_plane_schema_it";
    ControlPlaneIt.freshDatabase(PG, database);
    try (HikariDataSource pool = ControlPlaneIt.pool(PG, database, "schemas")) {
      assertThat(PostgresControlPlane.builder(pool).build().migrate()).containsExactly(1, 2);
      assertThat(PostgresControlPlane.builder(pool).build().migrate()).isEmpty();
      assertThat(PostgresControlPlane.builder(pool).schema("Ops").build().migrate())
          .containsExactly(1, 2);
      assertThat(count(pool, "SELECT count(*) FROM \"Ops\".athena_schema_migrations")).isEqualTo(2);
      assertThat(count(pool, "SELECT count(*) FROM public.athena_schema_migrations")).isEqualTo(2);
    }
  }
}
