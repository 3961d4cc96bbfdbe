package io.athena.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.auth.Principal;
import io.athena.spi.Condition;
import io.athena.spi.FetchRequest;
import io.athena.spi.Operator;
import io.athena.spi.TableRef;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Equal requests share a key; requests that differ in any way that shapes the answer do not. */
class CacheKeysTest {
  private static String keyOf(Condition... conditions) {
    FetchRequest request =
        new FetchRequest(
            new TableRef("public", "users"),
            List.of(),
            List.of(conditions),
            List.of(),
            10L,
            null,
            null);
    return CacheKeys.key("app", Principal.anonymous(), request);
  }

  private static Condition eq(Object value) {
    return new Condition.Comparison("data", Operator.CONTAINS, value);
  }

  @Test
  void anObjectValueSentInAnotherKeyOrderIsTheSameValue() {
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1);
    ab.put("b", List.of("x"));
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", List.of("x"));
    ba.put("a", 1L);
    assertThat(keyOf(eq(ab))).isEqualTo(keyOf(eq(ba))).matches("[0-9a-f]{64}");
  }

  @Test
  void valuesOfDifferentTypesNeverShareAKey() {
    assertThat(
            List.of(
                keyOf(eq(1)),
                keyOf(eq("1")),
                keyOf(eq(new BigDecimal("1.0"))),
                keyOf(eq(1.0d)),
                keyOf(eq(true)),
                keyOf(eq(null)),
                keyOf(eq("null")),
                keyOf(eq(List.of(1))),
                keyOf(eq(Map.of("1", 1)))))
        .doesNotHaveDuplicates();
  }

  @Test
  void textThatLooksLikeStructureStaysText() {
    // no separator or quoting a value could forge: the lengths are part of the form
    assertThat(keyOf(eq(List.of("a", "b")))).isNotEqualTo(keyOf(eq(List.of("a\u0000b"))));
    assertThat(keyOf(eq(List.of("ab", "")))).isNotEqualTo(keyOf(eq(List.of("a", "b"))));
  }

  @Test
  void theShapeOfAFilterIsPartOfTheKey() {
    Condition a = new Condition.Comparison("a", Operator.EQ, 1);
    Condition b = new Condition.Comparison("b", Operator.EQ, 2);
    assertThat(
            List.of(
                keyOf(a, b),
                keyOf(b, a),
                keyOf(new Condition.AnyOf(List.of(a, b))),
                keyOf(new Condition.AllOf(List.of(a, b))),
                keyOf(new Condition.Not(new Condition.AllOf(List.of(a, b)))),
                keyOf(new Condition.AllOf(List.of(a)), b)))
        .doesNotHaveDuplicates();
  }

  @Test
  void aKeyIsStableAcrossCalls() {
    Condition in = new Condition.Comparison("id", Operator.IN, List.of(3, 1, 2));
    assertThat(keyOf(in)).isEqualTo(keyOf(in));
  }
}
