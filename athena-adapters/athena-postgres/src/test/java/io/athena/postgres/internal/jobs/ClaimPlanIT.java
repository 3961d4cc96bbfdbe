package io.athena.postgres.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.testkit.EmbeddedPostgresFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hot statements use the indexes meant for them on a table of realistic shape. */
class ClaimPlanIT {
  private static final String DATABASE = "jobs_plan_it";
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static DataSource ds;
  private static JobSql sql;

  @BeforeAll
  static void fillTable() throws SQLException {
    EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();
    pg.dropDatabase(DATABASE);
    pg.createDatabase(DATABASE);
    ds = pg.dataSource(DATABASE);
    sql = new JobSql("public");
    new JobStoreRuntime(ds, "public", InstantSource.fixed(NOW), null).start();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      // 20 000 finished jobs and 5 000 queued ones over 5 families, like a queue in steady state
      s.execute(
          "INSERT INTO athena_jobs (id, family, payload, status, priority, run_at, attempts,"
              + " max_attempts, created_at, updated_at)"
              + " SELECT gen_random_uuid(), 'f' || (i % 5), '{}',"
              + " CASE WHEN i <= 20000 THEN 'completed' ELSE 'queued' END, i % 3,"
              + " timestamptz '2029-12-31' + i * interval '1 ms', 0, 3, timestamptz '2029-12-31',"
              + " timestamptz '2029-12-31' FROM generate_series(1, 25000) i");
      s.execute("ANALYZE athena_jobs");
    }
  }

  @Test
  @DisplayName("the claim of one family walks athena_jobs_due in claim order, without a sort")
  void claimOfOneFamilyIsAnOrderedIndexScan() throws SQLException {
    String plan = explainClaim(new String[] {"f1"});
    assertThat(plan)
        .contains("Index Scan using athena_jobs_due")
        .doesNotContain("Bitmap")
        .doesNotContain("Seq Scan on athena_jobs");
  }

  @Test
  @DisplayName("the claim of several families still reads only the due index")
  void claimOfSeveralFamiliesUsesTheDueIndex() throws SQLException {
    String plan = explainClaim(new String[] {"f1", "f2", "f3"});
    assertThat(plan)
        .contains("Index Scan using athena_jobs_due")
        .doesNotContain("Bitmap")
        .doesNotContain("Seq Scan on athena_jobs");
  }

  @Test
  @DisplayName("the reaper reads only the lease index")
  void reaperUsesTheLeaseIndex() throws SQLException {
    String plan = explain(sql.reap(), NOW, NOW, NOW, NOW);
    assertThat(plan).contains("athena_jobs_leases").doesNotContain("Seq Scan on athena_jobs");
  }

  @Test
  @DisplayName("a batched complete finds its jobs by primary key, however few jobs seem to run")
  void completeUsesThePrimaryKey() throws SQLException {
    UUID[] ids = {UUID.randomUUID(), UUID.randomUUID()};
    String plan =
        explain(
            sql.complete(),
            new StatementRunner.ArrayParam("uuid", ids),
            new StatementRunner.ArrayParam("text", new String[] {"d", "d"}),
            new StatementRunner.ArrayParam("text", new String[] {null, null}),
            NOW,
            NOW);
    assertThat(plan).contains("athena_jobs_pkey").doesNotContain("athena_jobs_leases");
  }

  private static String explainClaim(String[] families) throws SQLException {
    return explain(
        sql.claim(),
        new StatementRunner.ArrayParam("text", families),
        NOW,
        10,
        10,
        "d",
        NOW.plusSeconds(30),
        NOW);
  }

  /** EXPLAIN (without ANALYZE, so nothing is claimed) of {@code statement} with its parameters. */
  private static String explain(String statement, Object... params) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("EXPLAIN " + statement)) {
      StatementRunner.bind(c, ps, params);
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
      return String.join("\n", lines);
    }
  }
}
