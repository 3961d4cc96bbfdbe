package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SqlIdentifierPropertiesTest {

  @Provide
  Arbitrary<String> grammatical() {
    Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z').with('_');
    Arbitrary<String> rest =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('_', '$')
            .ofMaxLength(62);
    return Combinators.combine(first, rest).as((f, r) -> f + r);
  }

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> prefix = grammatical().map(s -> s.substring(0, Math.min(s.length(), 20)));
    Arbitrary<Character> bad = Arbitraries.of('"', ';', ' ', '\0', '\'', '-', '.', '\n', '(', ')');
    return Combinators.combine(prefix, bad, Arbitraries.strings().ofMaxLength(10))
        .as((p, b, s) -> p + b + s);
  }

  @Property
  void grammaticalNamesAreAcceptedAndQuotedVerbatim(@ForAll("grammatical") String name) {
    assertThat(SqlIdentifier.quote("column", name)).isEqualTo("\"" + name + "\"");
  }

  @Property
  void namesWithQuotesSemicolonsSpacesOrNulAreRejected(@ForAll("hostile") String name) {
    assertThatThrownBy(() -> SqlIdentifier.of("column", name))
        .isInstanceOf(GatewayException.class)
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(ErrorCode.INVALID_IDENTIFIER);
  }

  @Property(tries = 2000)
  void anyAcceptedNameQuotesToExactlyOneIdentifier(@ForAll String name) {
    if (!SqlIdentifier.isValid(name)) {
      assertThatThrownBy(() -> SqlIdentifier.of("table", name))
          .isInstanceOf(GatewayException.class);
      return;
    }
    String quoted = SqlIdentifier.quote("table", name);
    assertThat(quoted.substring(1, quoted.length() - 1)).doesNotContain("\"", "\0", ";", " ");
  }
}
