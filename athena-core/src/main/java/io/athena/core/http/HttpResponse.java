package io.athena.core.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A response: status, headers and a body written on demand. */
public final class HttpResponse {
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";

  private final int status;
  private final Headers headers;
  private final ResponseBody body;

  public HttpResponse(int status, Headers headers, ResponseBody body) {
    this.status = status;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = Objects.requireNonNull(body, "body");
  }

  public static HttpResponse bytes(int status, String contentType, byte[] content) {
    Headers headers = new Headers().set("Content-Type", contentType);
    return new HttpResponse(status, headers, out -> out.write(content));
  }

  public static HttpResponse text(int status, String text) {
    return bytes(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  public int status() {
    return status;
  }

  /** Mutable: the router adds request ids and the like before the response leaves. */
  public Headers headers() {
    return headers;
  }

  public ResponseBody body() {
    return body;
  }

  public void writeBody(OutputStream out) throws IOException {
    body.writeTo(out);
  }
}
