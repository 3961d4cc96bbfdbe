package io.athena.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The hand-written timestamp formatter agrees with java.time for every year it handles. */
class TimestampPropertyTest {
  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Property(tries = 5000)
  void agreesWithJavaTime(
      @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long epochSecond,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
    Instant ts = Instant.ofEpochSecond(epochSecond, nanos);
    char[] text = new char[TraceJson.TS_LENGTH];

    assertThat(TraceJson.formatTimestamp(ts, text)).isTrue();
    assertThat(new String(text)).isEqualTo(REFERENCE.format(ts));
  }

  @Property(tries = 200)
  void refusesYearsThatNeedMoreThanFourDigits(
      @ForAll @LongRange(min = 253_402_300_800L, max = 31_556_889_864_403_199L) long epochSecond) {
    assertThat(TraceJson.formatTimestamp(Instant.ofEpochSecond(epochSecond), new char[24]))
        .isFalse();
  }
}
