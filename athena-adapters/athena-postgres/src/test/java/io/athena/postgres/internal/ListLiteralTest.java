package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.GatewayException;
import org.junit.jupiter.api.Test;

class ListLiteralTest {

  @Test
  void parsesPostgrestParenthesisedLists() {
    assertThat(ListLiteral.parse("(1,2,3)")).containsExactly("1", "2", "3");
  }

  @Test
  void parsesBareCommaListsAndTrimsUnquotedItems() {
    assertThat(ListLiteral.parse(" a , b ,c")).containsExactly("a", "b", "c");
  }

  @Test
  void quotedItemsKeepCommasSpacesAndEscapes() {
    assertThat(ListLiteral.parse("(\"a, b\", \" c \",\"say \\\"hi\\\"\")"))
        .containsExactly("a, b", " c ", "say \"hi\"");
  }

  @Test
  void emptyListsAndEmptyItems() {
    assertThat(ListLiteral.parse("()")).isEmpty();
    assertThat(ListLiteral.parse("")).isEmpty();
    assertThat(ListLiteral.parse("a,,b")).containsExactly("a", "", "b");
  }

  @Test
  void rejectsUnterminatedQuotesAndJunkAfterQuotes() {
    assertThatThrownBy(() -> ListLiteral.parse("(\"open)")).isInstanceOf(GatewayException.class);
    assertThatThrownBy(() -> ListLiteral.parse("\"a\"b")).isInstanceOf(GatewayException.class);
  }
}
