package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RawSqlPropertiesTest {

  /** Text full of things the rewriter must not touch inside a literal: $n, ?, ;, comment marks. */
  @Provide
  Arbitrary<String> tricky() {
    return Arbitraries.strings().withChars("abc $1$2$10?;-/*\"'\n\\").ofMaxLength(40);
  }

  private static RawSql.Statement single(String sql) {
    List<RawSql.Statement> statements = RawSql.parse(sql);
    assertThat(statements).hasSize(1);
    return statements.get(0);
  }

  @Property
  void stringLiteralsAreUntouched(@ForAll("tricky") String content) {
    String literal = "'" + content.replace("'", "''") + "'";
    RawSql.Statement s = single("SELECT " + literal + ", $1");

    assertThat(s.jdbcSql()).isEqualTo("SELECT " + literal + ", ?");
    assertThat(s.paramIndexes()).containsExactly(0);
  }

  @Property
  void quotedIdentifiersAreUntouched(@ForAll("tricky") String content) {
    String identifier = "\"" + content.replace("\"", "\"\"") + "\"";
    RawSql.Statement s = single("SELECT 1 AS " + identifier + " WHERE $2 = 1");

    assertThat(s.jdbcSql()).isEqualTo("SELECT 1 AS " + identifier + " WHERE ? = 1");
    assertThat(s.paramIndexes()).containsExactly(1);
  }

  @Property
  void dollarQuotedBodiesAreUntouched(@ForAll("tricky") String content) {
    String body = "$body$" + content.replace("$body$", "") + "$body$";
    if (content.contains("$body")) {
      return; // a body that closes itself early is not what this property is about
    }
    RawSql.Statement s = single("SELECT " + body + " || $1");

    assertThat(s.jdbcSql()).isEqualTo("SELECT " + body + " || ?");
    assertThat(s.paramIndexes()).containsExactly(0);
  }

  @Property
  void lineAndBlockCommentsAreUntouched(@ForAll("tricky") String content) {
    String line = "-- " + content.replace("\n", " ") + "\n";
    // no '/' or '*' at all inside: removing "/*" pairs can create new ones ("//**" → "/*"), and
    // PostgreSQL nests block comments, so such content would leave the comment open
    String block = "/* " + content.replaceAll("[/*]", "") + " */";
    RawSql.Statement s = single("SELECT $1 " + line + block + " + $3");

    assertThat(s.jdbcSql()).isEqualTo("SELECT ? " + line + block + " + ?");
    assertThat(s.paramIndexes()).containsExactly(0, 2);
  }

  @Property
  void placeholdersBindInOrderOfAppearance(@ForAll("placeholders") List<Integer> numbers) {
    StringBuilder sql = new StringBuilder("SELECT ");
    List<Integer> expected = new ArrayList<>();
    for (int n : numbers) {
      sql.append("$").append(n).append(", 'x$").append(n).append("', ");
      expected.add(n - 1);
    }
    sql.append("1");

    RawSql.Statement s = single(sql.toString());

    assertThat(s.paramIndexes()).isEqualTo(expected);
    assertThat(s.jdbcSql()).doesNotContain(", $");
  }

  @Provide
  Arbitrary<List<Integer>> placeholders() {
    return Arbitraries.integers().between(1, 30).list().ofMaxSize(12);
  }
}
