package io.athena.core.http;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as the hosting adapter received it. The body is a stream so that core, not the
 * container, enforces the body-size limit.
 *
 * @param path the path below the mount point, starting with {@code /}, not decoded further
 * @param query decoded query parameters
 * @param remoteAddress the peer address, for logs only
 */
public record HttpRequest(
    String method,
    String path,
    Headers headers,
    Map<String, List<String>> query,
    InputStream body,
    String remoteAddress) {
  public HttpRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headers, "headers");
    query = Map.copyOf(query);
    body = body == null ? InputStream.nullInputStream() : body;
  }

  /** A request with an in-memory body; handy for tests and programmatic calls. */
  public static HttpRequest of(String method, String path, Headers headers, byte[] body) {
    return new HttpRequest(
        method,
        path,
        headers,
        Map.of(),
        body == null ? null : new ByteArrayInputStream(body),
        "local");
  }

  /** The first value of a query parameter. */
  public Optional<String> queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
