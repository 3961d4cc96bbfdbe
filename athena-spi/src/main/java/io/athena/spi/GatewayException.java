package io.athena.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure the caller can act on, with a stable {@link ErrorCode}. The message is written for
 * people and is safe to send to callers: it never holds SQL text, stack traces or secrets. Backends
 * translate their own errors into this type at their boundary and keep the cause.
 */
public class GatewayException extends AthenaException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode errorCode;
  private final Integer retryAfterSeconds;
  private final Map<String, Object> details;

  public GatewayException(ErrorCode errorCode, String message) {
    this(errorCode, message, null, null, Map.of());
  }

  public GatewayException(ErrorCode errorCode, String message, Throwable cause) {
    this(errorCode, message, cause, null, Map.of());
  }

  public GatewayException(
      ErrorCode errorCode,
      String message,
      Throwable cause,
      Integer retryAfterSeconds,
      Map<String, Object> details) {
    super(message, cause);
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    this.retryAfterSeconds = retryAfterSeconds;
    this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /** Seconds a caller should wait before retrying, or {@code null} when retrying will not help. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** Safe extra fields for the envelope's {@code data} object, such as {@code sqlstate}. */
  public Map<String, Object> details() {
    return details;
  }
}
