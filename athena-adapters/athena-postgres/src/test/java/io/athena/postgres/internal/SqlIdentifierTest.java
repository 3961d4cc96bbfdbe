package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlIdentifierTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "_x", "Order", "user_id", "col$1", "A1"})
  void acceptsAndQuotesGrammaticalNames(String name) {
    assertThat(SqlIdentifier.quote("column", name)).isEqualTo('"' + name + '"');
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1abc",
        "a b",
        "a\"b",
        "a;b",
        "a-b",
        "a.b",
        "é",
        "x\u0000",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void rejectsEverythingElse(String name) {
    assertThatThrownBy(() -> SqlIdentifier.of("column", name))
        .isInstanceOf(GatewayException.class)
        .hasMessageStartingWith("Invalid column '")
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(ErrorCode.INVALID_IDENTIFIER);
  }

  @ParameterizedTest
  @ValueSource(ints = {63})
  void acceptsTheLongestNamePostgresKeeps(int length) {
    assertThat(SqlIdentifier.isValid("a".repeat(length))).isTrue();
    assertThat(SqlIdentifier.isValid("a".repeat(length + 1))).isFalse();
  }
}
