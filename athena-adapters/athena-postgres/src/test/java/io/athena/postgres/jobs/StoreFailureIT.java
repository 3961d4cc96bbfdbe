package io.athena.postgres.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.core.jobs.JobNotFoundException;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Failures reach the caller as job store exceptions that say what to do. */
class StoreFailureIT {

  @Test
  @DisplayName("an unreachable database is a transient StoreUnavailableException")
  void unreachableDatabaseIsTransient() throws IOException {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setServerNames(new String[] {"localhost"});
    nowhere.setPortNumbers(new int[] {closedPort()});
    nowhere.setUser("postgres");
    nowhere.setConnectTimeout(2);
    PostgresJobStore store = PostgresJobStore.builder(nowhere).build();

    assertThatThrownBy(() -> store.claim("d1", Set.of("mail"), 1, Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class,
            e -> {
              assertThat(e.isTransient()).isTrue();
              assertThat(e.sqlState()).startsWith("08");
              assertThat(e.getCause()).isInstanceOf(SQLException.class);
            })
        .hasMessageStartingWith("Job store could not migrate the job tables in schema 'public'");
  }

  @Test
  @DisplayName("a broken schema is a JobStoreException that is not transient, naming the operation")
  void brokenSchemaIsNotTransient() {
    String database = "jobs_broken_it";
    JobsIt.freshDatabase(database);
    try (HikariDataSource pool = JobsIt.pool(database, "broken", 2)) {
      PostgresJobStore store = PostgresJobStore.builder(pool).build().start();
      JobsIt.execute(pool, "DROP TABLE athena_job_events");

      assertThatThrownBy(() -> store.submit(JobRequest.of("mail", "{}")))
          .isExactlyInstanceOf(JobStoreException.class)
          .hasMessageContaining("submit 1 job(s) of family 'mail'")
          .hasMessageContaining("42P01")
          .satisfies(e -> assertThat(((JobStoreException) e).isTransient()).isFalse());
    }
  }

  @Test
  @DisplayName("appending an event to an unknown job is a JobNotFoundException")
  void eventOfUnknownJob() {
    String database = "jobs_unknown_it";
    JobsIt.freshDatabase(database);
    try (HikariDataSource pool = JobsIt.pool(database, "unknown", 2)) {
      PostgresJobStore store = PostgresJobStore.builder(pool).build();
      JobId unknown = JobId.random();
      assertThatThrownBy(() -> store.appendEvent(unknown, "d1", "info", "x", "m", null))
          .isInstanceOf(JobNotFoundException.class)
          .hasMessageContaining(unknown.value());
    }
  }

  @Test
  @DisplayName("a closed store refuses work; closing twice is fine")
  void closedStoreRefusesWork() {
    try (HikariDataSource pool = JobsIt.pool("postgres", "closed", 1)) {
      PostgresJobStore store = PostgresJobStore.builder(pool).build();
      store.close();
      store.close();
      assertThatThrownBy(() -> store.submit(JobRequest.of("mail", "{}")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      assertThat(pool.isClosed()).as("the host's pool").isFalse();
    }
  }

  @Test
  @DisplayName("from(uri) builds its own pool and closes it with the store")
  void fromUriOwnsItsPool() {
    String database = "jobs_from_uri_it";
    String uri = JobsIt.freshDatabase(database);
    try (PostgresJobStore store = PostgresJobStore.from(uri)) {
      assertThat(store.submit(JobRequest.of("mail", "{}")).family()).isEqualTo("mail");
      assertThat(store.daemonRegistry().list()).isEmpty();
    }
    assertThatThrownBy(() -> PostgresJobStore.from("mysql://nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
