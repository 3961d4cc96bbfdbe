package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RawSqlTest {

  private static RawSql.Statement single(String sql) {
    List<RawSql.Statement> statements = RawSql.parse(sql);
    assertThat(statements).hasSize(1);
    return statements.get(0);
  }

  @Test
  void rewritesPositionalPlaceholdersInOrder() {
    RawSql.Statement s = single("SELECT * FROM t WHERE a = $2 AND b = $1");

    assertThat(s.jdbcSql()).isEqualTo("SELECT * FROM t WHERE a = ? AND b = ?");
    assertThat(s.paramIndexes()).containsExactly(1, 0);
    assertThat(s.maxParam()).isEqualTo(2);
  }

  @Test
  void aPlaceholderUsedTwiceBindsTwice() {
    RawSql.Statement s = single("SELECT $1::int + $1::int, $10");

    assertThat(s.jdbcSql()).isEqualTo("SELECT ?::int + ?::int, ?");
    assertThat(s.paramIndexes()).containsExactly(0, 0, 9);
  }

  @Test
  void leavesLiteralsIdentifiersCommentsAndDollarQuotesAlone() {
    String sql =
        "SELECT '$1', E'it\\'s $2', \"col$3\", $$ $4 ; $$, $tag$ $5 $tag$ -- $6 ;\n"
            + "/* $7 /* nested ; */ still ; */ , a$1 FROM t";

    RawSql.Statement s = single(sql);

    assertThat(s.jdbcSql()).isEqualTo(sql);
    assertThat(s.paramIndexes()).isEmpty();
  }

  @Test
  void doublesQuestionMarksInCodeSoTheDriverKeepsJsonbOperators() {
    RawSql.Statement s = single("SELECT data ? 'k', data ?| $1, '?' FROM t");

    assertThat(s.jdbcSql()).isEqualTo("SELECT data ?? 'k', data ??| ?, '?' FROM t");
    assertThat(s.paramIndexes()).containsExactly(0);
  }

  @Test
  void splitsStatementsOnTopLevelSemicolonsOnly() {
    List<RawSql.Statement> statements =
        RawSql.parse(
            "CREATE TABLE a (x text default ';'); INSERT INTO a VALUES ('x;y');\n SELECT 1;");

    assertThat(statements)
        .extracting(RawSql.Statement::jdbcSql)
        .containsExactly(
            "CREATE TABLE a (x text default ';')", "INSERT INTO a VALUES ('x;y')", "SELECT 1");
  }

  @Test
  void dropsStatementsOfOnlyWhitespaceAndComments() {
    assertThat(RawSql.parse("SELECT 1; -- trailing comment\n ;  ")).hasSize(1);
    assertThat(RawSql.parse("  ; /* nothing */ ")).isEmpty();
  }

  @Test
  void standardStringsDoNotTreatBackslashAsEscape() {
    RawSql.Statement s = single("SELECT 'a\\', $1");

    assertThat(s.paramIndexes()).containsExactly(0);
  }

  @Test
  void doubledQuotesStayInsideLiterals() {
    RawSql.Statement s = single("SELECT 'it''s $1', \"a\"\"$2\", $3");

    assertThat(s.paramIndexes()).containsExactly(2);
  }

  @Test
  void zeroIsReportedAsAnInvalidIndex() {
    assertThat(single("SELECT $0").paramIndexes()).containsExactly(-1);
  }
}
