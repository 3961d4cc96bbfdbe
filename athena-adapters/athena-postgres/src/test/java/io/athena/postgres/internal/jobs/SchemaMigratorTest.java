package io.athena.postgres.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class SchemaMigratorTest {

  private static SchemaMigrator migrator(String schema) {
    return new SchemaMigrator(
        new JobSql(schema), new StatementRunner(new PGSimpleDataSource()), InstantSource.system());
  }

  @Test
  void versionsAreUniqueAndIncreasing() {
    List<Integer> versions =
        SchemaMigrator.MIGRATIONS.stream().map(SchemaMigrator.Migration::version).toList();
    assertThat(versions).isSorted().doesNotHaveDuplicates().startsWith(1);
  }

  @Test
  void splitsTheScriptIntoStatementsOnTheQuotedSchema() {
    List<String> statements = migrator("Jobs").statements(SchemaMigrator.MIGRATIONS.get(0));
    assertThat(statements).hasSize(9);
    assertThat(statements)
        .allSatisfy(s -> assertThat(s).contains("\"Jobs\".athena_").doesNotContain("${schema}"));
    assertThat(statements).noneSatisfy(s -> assertThat(s).endsWith(";"));
  }

  @Test
  void schemaNamesAreIdentifiersOnly() {
    for (String bad : new String[] {"", "1abc", "a b", "a\"b", "x".repeat(64), "$x"}) {
      assertThatThrownBy(() -> new JobSql(bad))
          .as("schema '%s'", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(new JobSql("Athena_Jobs$1").schema()).isEqualTo("Athena_Jobs$1");
  }
}
