package io.athena.postgres.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditRowsTest {

  @Test
  void cleanRemovesNulCharactersWhichPostgresRefuses() {
    assertThat(AuditRows.clean("/gateway/\0fetch\0", 100)).isEqualTo("/gateway/fetch");
    assertThat(AuditRows.clean(null, 100)).isNull();
  }

  @Test
  void cleanCapsTheLengthWithoutSplittingASurrogatePair() {
    assertThat(AuditRows.clean("abcdef", 4)).isEqualTo("abcd");
    String emoji = "ab\uD83D\uDE00"; // a, b, then one code point in two chars
    assertThat(AuditRows.clean(emoji, 3)).isEqualTo("ab");
    assertThat(AuditRows.clean(emoji, 4)).isEqualTo(emoji);
  }
}
