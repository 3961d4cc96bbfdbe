package io.athena.postgres.internal.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The opaque cursor of {@code list}: the last row's creation time (microseconds) and insertion
 * sequence number, base64url-encoded with a version prefix so the format can change later.
 *
 * @param createdAt the last row's creation time
 * @param seq the last row's insertion sequence number
 */
record PageCursor(Instant createdAt, long seq) {
  private static final String PREFIX = "j1:";

  String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
    String plain = PREFIX + micros + ":" + seq;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException when {@code cursor} is not one this store issued
   */
  static PageCursor decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!plain.startsWith(PREFIX)) {
        throw new IllegalArgumentException("unknown cursor version");
      }
      String[] parts = plain.substring(PREFIX.length()).split(":", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException("malformed cursor");
      }
      Instant createdAt = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
      return new PageCursor(createdAt, Long.parseLong(parts[1]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cursor was '" + cursor + "' but is not a cursor this job store issued", e);
    }
  }
}
