package io.athena.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyTransportTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "X-Athena-Key, k1",
    "apikey, k1",
    "X-API-Key, k1",
    "Authorization, Bearer k1",
    "authorization, bearer k1"
  })
  void readsAKeyFromEveryAcceptedHeader(String header, String value) {
    HttpRequest request = HttpRequest.of("GET", "/", new Headers().set(header, value), null);
    assertThat(KeyTransport.apiKey(request)).contains("k1");
  }

  @ParameterizedTest
  @CsvSource({"Authorization, Basic abc", "X-Athena-Key, '   '"})
  void ignoresWhatIsNotAKey(String header, String value) {
    HttpRequest request = HttpRequest.of("GET", "/", new Headers().set(header, value), null);
    assertThat(KeyTransport.apiKey(request)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void readsTheQueryParameter() {
    HttpRequest request =
        new HttpRequest("GET", "/", new Headers(), Map.of("api_key", List.of("q1")), null, "x");
    assertThat(KeyTransport.apiKey(request)).contains("q1");
  }

  @org.junit.jupiter.api.Test
  void prefersTheAdminHeaderForAdminKeys() {
    Headers headers = new Headers().set("X-Athena-Key", "api").set("X-Athena-Admin-Key", "admin");
    assertThat(KeyTransport.adminKey(HttpRequest.of("GET", "/", headers, null))).contains("admin");
  }
}
