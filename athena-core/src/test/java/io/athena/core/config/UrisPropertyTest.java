package io.athena.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class UrisPropertyTest {
  private static final String MASK = Secret.MASK;

  @Property
  void theUserInfoPasswordNeverSurvives(
      @ForAll("schemes") String scheme,
      @ForAll("names") String user,
      @ForAll("names") String host,
      @ForAll("passwords") String password) {
    String encoded = encode(password);
    String uri = scheme + user + ":" + encoded + "@" + host + ":5432/app?sslmode=require";
    String expected = scheme + user + ":" + MASK + "@" + host + ":5432/app?sslmode=require";

    assertMasked(Uris.maskPassword(uri), expected, password, encoded);
  }

  @Property
  void theQueryPasswordNeverSurvives(
      @ForAll("names") String user,
      @ForAll("names") String host,
      @ForAll("passwords") String password) {
    String encoded = encode(password);
    String uri =
        "jdbc:postgresql://" + host + "/app?user=" + user + "&password=" + encoded + "&ssl=true";
    String expected =
        "jdbc:postgresql://" + host + "/app?user=" + user + "&password=" + MASK + "&ssl=true";

    assertMasked(Uris.maskPassword(uri), expected, password, encoded);
  }

  /** Characters RFC 3986 allows raw in user info, plus '@', which people forget to encode. */
  @Property
  void aPasswordWrittenWithoutEncodingStillNeverSurvives(
      @ForAll("names") String user,
      @ForAll("names") String host,
      @ForAll("rawPasswords") String password) {
    String uri = "postgres://" + user + ":" + password + "@" + host + "/app";
    String expected = "postgres://" + user + ":" + MASK + "@" + host + "/app";

    assertMasked(Uris.maskPassword(uri), expected, password, password);
  }

  private static void assertMasked(String masked, String expected, String raw, String encoded) {
    assertThat(masked).isEqualTo(expected);
    // A password that happens to be part of the rest of the URI ("a" in "app") cannot be hidden.
    Assume.that(!expected.contains(raw) && !expected.contains(encoded));
    assertThat(masked).doesNotContain(raw).doesNotContain(encoded);
  }

  private static String encode(String password) {
    return URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Provide
  Arbitrary<String> schemes() {
    return Arbitraries.of("postgres://", "postgresql://", "jdbc:postgresql://");
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
  }

  @Provide
  Arbitrary<String> passwords() {
    return Arbitraries.strings().all().ofMinLength(3).ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> rawPasswords() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars("-._~!$&'()*+,;=:@")
        .ofMinLength(3)
        .ofMaxLength(30);
  }
}
