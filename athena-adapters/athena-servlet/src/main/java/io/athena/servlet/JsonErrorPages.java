package io.athena.servlet;

import io.athena.spi.ErrorCode;
import java.nio.charset.StandardCharsets;

/**
 * The JSON error envelope for failures the container answers before Athena sees the request (an
 * ambiguous encoded path, a malformed request line, an unmapped path). Hosts call it from their
 * container's error page hook, so that every answer a client gets has the same shape:
 *
 * <pre>{@code
 * server.setErrorHandler(new ErrorHandler() {
 *   protected void generateResponse(Request req, Response res, int code, String message,
 *       Throwable cause, Callback callback) {
 *     res.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonErrorPages.CONTENT_TYPE);
 *     res.write(true, ByteBuffer.wrap(JsonErrorPages.envelope(code, message)), callback);
 *   }
 * });
 * }</pre>
 *
 * Servlet-API and core only, so that core never depends on a container.
 */
public final class JsonErrorPages {
  public static final String CONTENT_TYPE = "application/json";

  /** The container's own message is shown only when short and plain: it never carries input. */
  private static final int MAX_REASON_LENGTH = 120;

  private JsonErrorPages() {}

  /**
   * {@code {"status":"error","message":...,"error":...,"code":...,"data":{}}} for {@code status}.
   *
   * @param reason the container's reason, such as {@code Ambiguous URI path separator}; {@code
   *     null} or anything unusual is replaced by a generic text
   */
  public static byte[] envelope(int status, String reason) {
    // printable ASCII only (see safeReason), so escaping quotes and backslashes is enough
    String error = safeReason(status, reason).replace("\\", "\\\\").replace("\"", "\\\"");
    String json =
        "{\"status\":\"error\",\"message\":\"The request was refused before it reached Athena: "
            + error
            + "\",\"error\":\""
            + error
            + "\",\"code\":\""
            + code(status)
            + "\",\"data\":{}}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** The stable code for a status the container chose. */
  public static String code(int status) {
    return switch (status) {
      case 404 -> ErrorCode.ROUTE_NOT_FOUND.code();
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED.code();
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE.code();
      default -> status >= 500 ? ErrorCode.INTERNAL_ERROR.code() : ErrorCode.INVALID_REQUEST.code();
    };
  }

  private static String safeReason(int status, String reason) {
    boolean plain =
        reason != null
            && !reason.isBlank()
            && reason.length() <= MAX_REASON_LENGTH
            && reason.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    return plain ? reason : "HTTP " + status;
  }
}
