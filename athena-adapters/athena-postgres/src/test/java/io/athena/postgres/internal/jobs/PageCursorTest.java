package io.athena.postgres.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  @Test
  void roundTripsCreationTimeAndSequence() {
    PageCursor cursor = new PageCursor(Instant.parse("2030-01-01T00:00:00.123456Z"), 42);
    assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void roundTripsTimesBeforeTheEpoch() {
    PageCursor cursor = new PageCursor(Instant.parse("1969-12-31T23:59:59.5Z"), 1);
    assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void isUrlSafeText() {
    String encoded = new PageCursor(Instant.now(), Long.MAX_VALUE).encode();
    assertThat(encoded).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void refusesForeignCursors() {
    String otherVersion =
        Base64.getUrlEncoder().encodeToString("m1:5".getBytes(StandardCharsets.US_ASCII));
    String notNumbers =
        Base64.getUrlEncoder().encodeToString("j1:x:y".getBytes(StandardCharsets.US_ASCII));
    for (String foreign : new String[] {"not-a-cursor!", otherVersion, notNumbers, ""}) {
      assertThatThrownBy(() -> PageCursor.decode(foreign))
          .as("cursor %s", foreign)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a cursor this job store issued");
    }
  }
}
