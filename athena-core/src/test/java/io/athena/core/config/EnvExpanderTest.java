package io.athena.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvExpanderTest {
  private final EnvExpander expander =
      new EnvExpander(Map.of("HOST", "db", "EMPTY", "", "TRICKY", "${HOST}"));

  @Test
  void replacesReferencesAndLeavesOtherTextAlone() {
    assertThat(expander.expand("postgres://${HOST}:5432/$x").value())
        .isEqualTo("postgres://db:5432/$x");
  }

  @Test
  void theDefaultAppliesToUnsetAndEmptyVariables() {
    assertThat(expander.expand("${MISSING:-fallback}").value()).isEqualTo("fallback");
    assertThat(expander.expand("${EMPTY:-fallback}").value()).isEqualTo("fallback");
    assertThat(expander.expand("${HOST:-fallback}").value()).isEqualTo("db");
    assertThat(expander.expand("${MISSING:-}").value()).isEmpty();
  }

  @Test
  void anEmptyVariableWithoutDefaultIsEmpty() {
    EnvExpander.Expansion expansion = expander.expand("a${EMPTY}b");

    assertThat(expansion.ok()).isTrue();
    assertThat(expansion.value()).isEqualTo("ab");
  }

  @Test
  void reportsEveryUnsetVariable() {
    EnvExpander.Expansion expansion = expander.expand("${A}-${HOST}-${B}");

    assertThat(expansion.ok()).isFalse();
    assertThat(expansion.unset()).containsExactly("A", "B");
  }

  @Test
  void aDoubledDollarIsALiteralReference() {
    assertThat(expander.expand("pa$${HOST}ss").value()).isEqualTo("pa${HOST}ss");
  }

  @Test
  void valuesFromTheEnvironmentAreNotExpandedAgain() {
    assertThat(expander.expand("${TRICKY}").value()).isEqualTo("${HOST}");
  }

  @Test
  void malformedReferencesAreReported() {
    assertThat(expander.expand("${HOST").malformed()).isTrue();
    assertThat(expander.expand("${}").malformed()).isTrue();
    assertThat(expander.expand("${1HOST}").malformed()).isTrue();
    assertThat(expander.expand("${HO ST}").malformed()).isTrue();
  }
}
