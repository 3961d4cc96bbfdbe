package io.athena.postgres.internal.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.postgres.internal.jobs.JobStoreRuntime;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

  private static SchemaMigrator jobs(String schema) {
    return new SchemaMigrator(
        JobStoreRuntime.COMPONENT,
        new SchemaName(schema),
        "/io/athena/postgres/jobs/migrations/",
        JobStoreRuntime.MIGRATIONS,
        InstantSource.system());
  }

  @Test
  void jobVersionsAreUniqueAndIncreasing() {
    List<Integer> versions = JobStoreRuntime.MIGRATIONS.stream().map(Migration::version).toList();
    assertThat(versions).isSorted().doesNotHaveDuplicates().startsWith(1);
  }

  @Test
  void splitsTheScriptIntoStatementsOnTheQuotedSchema() {
    List<String> statements = jobs("Jobs").statements(JobStoreRuntime.MIGRATIONS.get(0));
    assertThat(statements).hasSize(9);
    assertThat(statements)
        .allSatisfy(s -> assertThat(s).contains("\"Jobs\".athena_").doesNotContain("${schema}"));
    assertThat(statements).noneSatisfy(s -> assertThat(s).endsWith(";"));
  }

  @Test
  void refusesVersionsOutOfOrder() {
    List<Migration> shuffled =
        List.of(new Migration(2, "two", "V2.sql"), new Migration(1, "one", "V1.sql"));
    assertThatThrownBy(
            () ->
                new SchemaMigrator(
                    "x", new SchemaName("public"), "/x/", shuffled, InstantSource.system()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 follows 2");
  }

  @Test
  void aMissingScriptIsNamed() {
    SchemaMigrator migrator =
        new SchemaMigrator(
            "x",
            new SchemaName("public"),
            "/nowhere/",
            List.of(new Migration(1, "one", "V1__none.sql")),
            InstantSource.system());
    assertThatThrownBy(() -> migrator.statements(new Migration(1, "one", "V1__none.sql")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/nowhere/V1__none.sql");
  }

  @Test
  void schemaNamesAreIdentifiersOnly() {
    for (String bad : new String[] {"", "1abc", "a b", "a\"b", "x".repeat(64), "$x"}) {
      assertThatThrownBy(() -> new SchemaName(bad))
          .as("schema '%s'", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(new SchemaName("Athena_Jobs$1").quoted()).isEqualTo("\"Athena_Jobs$1\"");
  }
}
