package io.athena.core.json;

import io.athena.core.http.Headers;
import io.athena.core.http.HttpResponse;
import io.athena.spi.GatewayException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response envelopes of the contract: {@code {"status":"success","message","data",...extras}}
 * and {@code {"status":"error","message","error","code","data":{"operation",...}}}.
 */
public final class Envelope {
  private Envelope() {}

  /** A success envelope with extras (such as {@code affected_rows}) beside {@code data}. */
  public static HttpResponse success(
      int status, String message, Object data, Map<String, ?> extras) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "success");
    body.put("message", message);
    body.put("data", data);
    body.putAll(extras);
    return HttpResponse.bytes(status, HttpResponse.JSON, Json.write(body));
  }

  public static HttpResponse success(String message, Object data) {
    return success(200, message, data, Map.of());
  }

  /**
   * The error envelope for a failure the caller may see, with {@code Retry-After} when the failure
   * is transient.
   *
   * @param operation the gateway operation ({@code fetch}, ...) or {@code null} outside the gateway
   */
  public static HttpResponse error(GatewayException e, String operation) {
    Map<String, Object> data = new LinkedHashMap<>();
    if (operation != null) {
      data.put("operation", operation);
    }
    data.putAll(e.details());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "error");
    body.put("message", summary(e.errorCode().httpStatus()));
    body.put("error", e.getMessage());
    body.put("code", e.errorCode().code());
    body.put("data", data);
    HttpResponse response =
        HttpResponse.bytes(e.errorCode().httpStatus(), HttpResponse.JSON, Json.write(body));
    if (e.retryAfterSeconds() != null) {
      response.headers().set("Retry-After", String.valueOf(e.retryAfterSeconds()));
    }
    return response;
  }

  /** A short, fixed summary per status; the detail goes in {@code error}. */
  static String summary(int status) {
    return switch (status) {
      case 400 -> "Invalid request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 409 -> "Conflict";
      case 413 -> "Payload too large";
      case 415 -> "Unsupported media type";
      case 429 -> "Too many requests";
      case 503 -> "Service unavailable";
      default -> "Internal server error";
    };
  }

  /** Headers of a JSON response, for handlers that stream their own body. */
  public static Headers jsonHeaders() {
    return new Headers().set("Content-Type", HttpResponse.JSON);
  }
}
