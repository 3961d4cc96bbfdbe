package io.athena.core.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.json.Json;
import io.athena.core.telemetry.RequestTrace;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/** One request in flight: the request, its id, its path parameters and its body, read once. */
public final class Exchange {
  private final HttpRequest request;
  private final String requestId;
  private final Map<String, String> pathParams;
  private final long maxBodyBytes;
  private final RequestTrace trace;
  private byte[] body;
  private String operation;

  Exchange(
      HttpRequest request,
      String requestId,
      Map<String, String> pathParams,
      long maxBody,
      RequestTrace trace) {
    this.request = request;
    this.requestId = requestId;
    this.pathParams = Map.copyOf(pathParams);
    this.maxBodyBytes = maxBody;
    this.trace = trace;
  }

  /** What this request's {@code gateway_trace} will say; handlers add what they learn. */
  public RequestTrace trace() {
    return trace;
  }

  public HttpRequest request() {
    return request;
  }

  public Headers headers() {
    return request.headers();
  }

  public String requestId() {
    return requestId;
  }

  public Optional<String> pathParam(String name) {
    return Optional.ofNullable(pathParams.get(name));
  }

  /**
   * The body, read at most once and never past the configured limit.
   *
   * @throws GatewayException {@code payload_too_large} past the limit
   */
  public byte[] body() {
    if (body == null) {
      body = readLimited(request.body(), maxBodyBytes);
    }
    return body;
  }

  /** The body parsed as JSON; {@code invalid_json} when it is not. */
  public JsonNode json() {
    return Json.parse(body());
  }

  /** Names the gateway operation, so that an error envelope can carry it. */
  public void operation(String operation) {
    this.operation = operation;
    trace.operation(operation);
  }

  public String operation() {
    return operation;
  }

  private static byte[] readLimited(InputStream in, long limit) {
    try (in) {
      // read one byte past the limit: that is how we know the body is too large
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, limit + 1));
      if (bytes.length > limit) {
        throw tooLarge(limit);
      }
      return bytes;
    } catch (IOException e) {
      throw new GatewayException(ErrorCode.INVALID_REQUEST, "Request body could not be read", e);
    }
  }

  static GatewayException tooLarge(long limit) {
    return new GatewayException(
        ErrorCode.PAYLOAD_TOO_LARGE,
        "Request body is larger than the limit of " + limit + " bytes");
  }
}
