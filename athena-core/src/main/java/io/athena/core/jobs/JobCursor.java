package io.athena.core.jobs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The in-memory store's opaque paging cursor: the submission sequence of the last job of a page.
 * Encoded so callers treat it as a token rather than a number they could edit.
 */
final class JobCursor {
  private static final String PREFIX = "m1:";

  private JobCursor() {}

  static String encode(long seq) {
    byte[] text = (PREFIX + seq).getBytes(StandardCharsets.US_ASCII);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
  }

  /**
   * @throws IllegalArgumentException when {@code cursor} is not one this store issued
   */
  static long decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (text.startsWith(PREFIX)) {
        return Long.parseLong(text.substring(PREFIX.length()));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the one message below (NumberFormatException is one of these)
    }
    throw new IllegalArgumentException(
        "cursor was '"
            + (cursor.length() > 64 ? cursor.substring(0, 64) + "..." : cursor)
            + "' but is not a cursor this job store issued");
  }
}
