package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.Condition;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.FetchRequest;
import io.athena.spi.InsertRequest;
import io.athena.spi.Operator;
import io.athena.spi.UpdateRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Values never reach SQL text: whatever the value, the SQL is the same and the value is bound. */
class SqlCompilerPropertiesTest {
  private final SqlCompiler compiler = TestCatalog.compiler();
  private static final List<Condition> BY_NAME =
      List.of(new Comparison("name", Operator.EQ, "fixed"));

  @Provide
  Arbitrary<String> injections() {
    Arbitrary<String> payload = Arbitraries.strings().ofMaxLength(20);
    Arbitrary<String> opener = Arbitraries.of("'", "\"", "');", "$$", "*/", "--", "\\'", ";");
    return Combinators.combine(opener, payload).as((o, p) -> o + " DROP TABLE x " + p);
  }

  @Provide
  Arbitrary<Operator> scalarOperators() {
    return Arbitraries.of(
        Operator.EQ,
        Operator.NEQ,
        Operator.GT,
        Operator.GTE,
        Operator.LT,
        Operator.LTE,
        Operator.LIKE,
        Operator.ILIKE,
        Operator.IN);
  }

  // in takes a list; a string would be parsed as a PostgREST list, which may be malformed
  private static Condition condition(Operator op, String value) {
    return new Comparison("name", op, op == Operator.IN ? List.of(value) : value);
  }

  private String filterSql(Operator op, String value) {
    Condition c = condition(op, value);
    return compiler
        .fetch(
            new FetchRequest(TestCatalog.ITEMS, List.of(), List.of(c), List.of(), null, null, null))
        .select()
        .sql();
  }

  private List<SqlParam> filterParams(Operator op, String value) {
    Condition c = condition(op, value);
    return compiler
        .fetch(
            new FetchRequest(TestCatalog.ITEMS, List.of(), List.of(c), List.of(), null, null, null))
        .select()
        .params();
  }

  @Property
  void filterSqlDoesNotDependOnTheValue(
      @ForAll("scalarOperators") Operator op, @ForAll String value) {
    assertThat(filterSql(op, value)).isEqualTo(filterSql(op, "x"));
  }

  @Property
  void filterValuesAreBoundNotWritten(
      @ForAll("scalarOperators") Operator op, @ForAll("injections") String value) {
    assertThat(filterSql(op, value)).doesNotContain(value).doesNotContain("DROP");
    assertThat(filterParams(op, value).toString()).contains("DROP TABLE x");
  }

  @Property
  void equalityBindsTheExactValue(@ForAll String value) {
    assertThat(filterParams(Operator.EQ, value)).containsExactly(SqlParam.text(value));
  }

  @Property
  void insertAndUpdateSqlDoesNotDependOnTheValues(@ForAll String name, @ForAll String code) {
    Function<Map<String, Object>, SqlStatement> insert =
        row ->
            compiler.insert(
                new InsertRequest(TestCatalog.ITEMS, List.of(row), List.of(), null, List.of()));
    Function<Map<String, Object>, SqlStatement> update =
        values -> compiler.update(new UpdateRequest(TestCatalog.ITEMS, BY_NAME, values, List.of()));
    Map<String, Object> row = Map.of("name", name, "code", code);
    Map<String, Object> fixed = Map.of("name", "n", "code", "c");

    assertThat(insert.apply(row).sql()).isEqualTo(insert.apply(fixed).sql());
    assertThat(update.apply(row).sql()).isEqualTo(update.apply(fixed).sql());
    assertThat(insert.apply(row).params()).contains(SqlParam.text(name), SqlParam.text(code));
  }

  @Property
  void injectionsInWrittenValuesStayOutOfTheSql(@ForAll("injections") String value) {
    SqlStatement s =
        compiler.insert(
            new InsertRequest(
                TestCatalog.ITEMS, List.of(Map.of("name", value)), List.of(), null, List.of()));

    assertThat(s.sql()).doesNotContain("DROP");
    assertThat(s.params()).containsExactly(SqlParam.text(value));
  }
}
