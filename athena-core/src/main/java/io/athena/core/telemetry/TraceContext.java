package io.athena.core.telemetry;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context ({@code traceparent: 00-<trace id>-<parent span id>-<flags>}): a request that
 * carries a valid one continues the caller's trace; any other starts a new trace. Either way this
 * request gets a span id of its own, answered in the response's {@code traceparent}.
 *
 * @param traceId 32 lowercase hex digits, not all zero
 * @param spanId 16 lowercase hex digits, not all zero: this request's span
 * @param flags the caller's trace flags (2 hex digits), {@code 01} (sampled) for a new trace
 */
public record TraceContext(String traceId, String spanId, String flags) {
  public static final String HEADER = "traceparent";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Continues {@code traceparent} when it is valid, else starts a new trace. */
  public static TraceContext continueOrStart(Optional<String> traceparent) {
    return traceparent.flatMap(TraceContext::parse).orElseGet(TraceContext::start);
  }

  /** A new trace with a new span. */
  public static TraceContext start() {
    return new TraceContext(randomHex(16), randomHex(8), "01");
  }

  /**
   * The caller's trace with a new span, or empty when {@code header} is not a version-00 {@code
   * traceparent} (an unknown version is treated like a missing header: we cannot vouch for it).
   */
  static Optional<TraceContext> parse(String header) {
    String value = header.strip();
    if (value.length() != 55
        || !value.startsWith("00-")
        || value.charAt(35) != '-'
        || value.charAt(52) != '-') {
      return Optional.empty();
    }
    String traceId = value.substring(3, 35);
    String parentId = value.substring(36, 52);
    String flags = value.substring(53, 55);
    if (!lowerHex(traceId) || !lowerHex(parentId) || !lowerHex(flags)) {
      return Optional.empty();
    }
    if (allZero(traceId) || allZero(parentId)) {
      return Optional.empty();
    }
    return Optional.of(new TraceContext(traceId, randomHex(8), flags));
  }

  /** The {@code traceparent} to answer with: this trace, this request's span. */
  public String header() {
    return "00-" + traceId + "-" + spanId + "-" + flags;
  }

  private static boolean lowerHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZero(String hex) {
    return hex.chars().allMatch(c -> c == '0');
  }

  /** {@code bytes} random bytes as hex, never all zero (which W3C reserves as invalid). */
  private static String randomHex(int bytes) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] out = new char[bytes * 2];
    for (int i = 0; i < bytes; i += 8) {
      long value = random.nextLong();
      for (int j = 0; j < 8 && i + j < bytes; j++) {
        int b = (int) (value >>> (j * 8)) & 0xff;
        out[(i + j) * 2] = HEX[b >>> 4];
        out[(i + j) * 2 + 1] = HEX[b & 0xf];
      }
    }
    if (new String(out).chars().allMatch(c -> c == '0')) {
      out[out.length - 1] = '1';
    }
    return new String(out);
  }
}
