package io.athena.core.router;

import io.athena.core.http.HttpRequest;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads keys from every header (and query parameter) the contract accepts. */
public final class KeyTransport {
  private KeyTransport() {}

  /**
   * An API key from {@code X-Athena-Key}, {@code apikey}, {@code X-API-Key}, Bearer or ?api_key.
   */
  public static Optional<String> apiKey(HttpRequest request) {
    return Stream.of(
            request.headers().firstNonBlank("X-Athena-Key"),
            request.headers().firstNonBlank("apikey"),
            request.headers().firstNonBlank("X-API-Key"),
            bearer(request),
            request.queryParam("api_key").map(String::trim).filter(v -> !v.isEmpty()))
        .flatMap(Optional::stream)
        .findFirst();
  }

  /** The admin key: {@code X-Athena-Admin-Key} first, else any API-key transport. */
  public static Optional<String> adminKey(HttpRequest request) {
    Optional<String> admin = request.headers().firstNonBlank("X-Athena-Admin-Key");
    return admin.isPresent() ? admin : apiKey(request);
  }

  private static Optional<String> bearer(HttpRequest request) {
    return request
        .headers()
        .firstNonBlank("Authorization")
        .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(v -> v.substring(7).trim())
        .filter(v -> !v.isEmpty());
  }
}
