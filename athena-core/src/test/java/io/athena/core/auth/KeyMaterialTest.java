package io.athena.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyMaterialTest {
  @Test
  void issuedKeysParseBackIntoTheirParts() {
    String id = KeyMaterial.newId();
    String secret = KeyMaterial.newSecret();
    String key = KeyMaterial.format(id, secret);

    assertThat(key).startsWith("ath_" + id + ".");
    KeyMaterial.Parsed parsed = KeyMaterial.parse(key).orElseThrow();
    assertThat(parsed.id()).isEqualTo(id);
    assertThat(parsed.secret()).isEqualTo(secret);
    assertThat(parsed.toString()).doesNotContain(secret);
  }

  @Test
  void theHashIsSaltedAndMatchesOnlyTheSecret() {
    byte[] salt = KeyMaterial.newSalt();
    byte[] otherSalt = KeyMaterial.newSalt();
    byte[] hash = KeyMaterial.hash(salt, "secret-one-abcdefgh");

    assertThat(KeyMaterial.matches(salt, hash, "secret-one-abcdefgh")).isTrue();
    assertThat(KeyMaterial.matches(salt, hash, "secret-one-abcdefgi")).isFalse();
    assertThat(KeyMaterial.hash(otherSalt, "secret-one-abcdefgh")).isNotEqualTo(hash);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ath_",
        "ath_abcdef12.",
        "ath_abcdef12",
        "abcdef1234.secretsecretsecret",
        "ath_ABCDEF1234.secretsecretsecret",
        "ath_abc.secretsecretsecret",
        "ath_abcdef1234.short",
        "ath_abcdef1234.secret secret secret",
        "ath_abcdef1234.secretsecretsecret\u0000",
        "ath_abcdef1234.secretsecretsecret' OR 1=1 --",
        "xath_abcdef1234.secretsecretsecret"
      })
  void malformedKeysDoNotParse(String presented) {
    assertThat(KeyMaterial.parse(presented)).isEmpty();
  }
}
