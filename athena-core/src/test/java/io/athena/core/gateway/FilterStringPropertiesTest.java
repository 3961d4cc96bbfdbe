package io.athena.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.Condition;
import io.athena.spi.Condition.AllOf;
import io.athena.spi.Condition.AnyOf;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.Condition.Not;
import io.athena.spi.GatewayException;
import io.athena.spi.Operator;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class FilterStringPropertiesTest {
  private static final List<Operator> VALUE_OPERATORS =
      Arrays.stream(Operator.values())
          .filter(op -> op != Operator.IN && op != Operator.IS)
          .toList();

  @Property(tries = 500)
  void aRenderedTreeParsesBackToTheSameTree(@ForAll("filterLists") List<Condition> tree) {
    String text = FilterStrings.list(tree);
    assertThat(FilterStringParser.parseList("or", text)).as("parsing %s", text).isEqualTo(tree);
  }

  @Property(tries = 1000)
  void arbitraryTextFailsOnlyWithGatewayException(@ForAll String text) {
    parseOrReject(text);
  }

  @Property(tries = 2000)
  void filterLikeTextFailsOnlyWithGatewayException(@ForAll("filterLikeText") String text) {
    parseOrReject(text);
  }

  private static void parseOrReject(String text) {
    try {
      FilterStringParser.parseList("or", text);
    } catch (GatewayException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<List<Condition>> filterLists() {
    return item(3).list().ofMinSize(1).ofMaxSize(3);
  }

  /** Text made of the grammar's own tokens, which reaches deeper into the parser than noise. */
  @Provide
  Arbitrary<String> filterLikeText() {
    return Arbitraries.of(
            "a", ".", "eq", "not", "and(", "or(", "(", ")", ",", "\"", "\\", "in", "is", "null",
            "{", "}", "[", "]", " ", "cs", "x1", "not.", "gt.")
        .list()
        .ofMaxSize(40)
        .map(tokens -> String.join("", tokens));
  }

  private Arbitrary<Condition> item(int depth) {
    if (depth == 0) {
      return comparison();
    }
    Arbitrary<List<Condition>> children =
        Arbitraries.lazy(() -> item(depth - 1)).list().ofMinSize(1).ofMaxSize(3);
    return Arbitraries.frequencyOf(
        Tuple.of(4, comparison()),
        Tuple.of(2, comparison().map(Not::new)),
        Tuple.of(1, children.map(AnyOf::new)),
        Tuple.of(1, children.map(AllOf::new)),
        Tuple.of(1, children.map(c -> new Not(new AnyOf(c)))),
        Tuple.of(1, children.map(c -> new Not(new AllOf(c)))));
  }

  private Arbitrary<Condition> comparison() {
    Arbitrary<String> column =
        Arbitraries.oneOf(
            Arbitraries.of("id", "status", "created_at", "not", "or", "and", "in"),
            Arbitraries.strings().alpha().numeric().withChars('_').ofMinLength(1).ofMaxLength(8));
    return Arbitraries.frequencyOf(
        Tuple.of(
            4,
            Combinators.combine(column, Arbitraries.of(VALUE_OPERATORS), value())
                .as((c, op, v) -> (Condition) new Comparison(c, op, v))),
        Tuple.of(
            1,
            Combinators.combine(column, value().list().ofMaxSize(4))
                .as((c, values) -> new Comparison(c, Operator.IN, List.<Object>copyOf(values)))),
        Tuple.of(
            1,
            Combinators.combine(column, Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.4))
                .as((c, v) -> new Comparison(c, Operator.IS, v))));
  }

  /** Plain words, array literals, text full of reserved characters, and anything at all. */
  private static Arbitrary<String> value() {
    Arbitrary<String> word =
        Arbitraries.strings().alpha().numeric().withChars('-', ':', '.', '*', '%').ofMaxLength(12);
    return Arbitraries.oneOf(
        word,
        word.list().ofMaxSize(3).map(words -> "{" + String.join(",", words) + "}"),
        word.list().ofMaxSize(3).map(words -> "[" + String.join(", ", words) + "]"),
        Arbitraries.strings().withChars(",()\"\\{}[]. a").ofMaxLength(10),
        Arbitraries.strings().ofMaxLength(10));
  }
}
