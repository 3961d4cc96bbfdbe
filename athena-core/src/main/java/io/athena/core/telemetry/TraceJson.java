package io.athena.core.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.athena.core.json.Json;
import io.athena.spi.telemetry.TraceEvent;
import io.athena.spi.telemetry.TraceLevel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Writes a {@link TraceEvent} as one JSON object: {@code ts} (ISO-8601 UTC with milliseconds, such
 * as {@code 2025-03-01T09:15:02.047Z}), {@code level}, {@code event}, then the event's fields in
 * their order. Null fields are written as {@code null}, so every line of one event kind carries the
 * same keys. Numbers stay numbers; non-finite doubles, which JSON cannot hold, become strings.
 * Values of other types are written as their {@code toString()}. A field named {@code ts}, {@code
 * level} or {@code event} is skipped: the envelope owns those names.
 *
 * <p>It runs once per gateway request, so it streams straight into a {@link JsonGenerator} and
 * formats the timestamp without a formatter.
 */
public final class TraceJson {
  static final SerializableString TS = new SerializedString("ts");
  static final SerializableString LEVEL = new SerializedString("level");
  static final SerializableString EVENT = new SerializedString("event");

  /** {@code 2025-03-01T09:15:02.047Z}: always 24 characters for years 0000–9999. */
  static final int TS_LENGTH = 24;

  private static final DateTimeFormatter WIDE_YEARS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private TraceJson() {}

  /**
   * The factory trace generators come from (the shared mapper's, so features stay in one place).
   */
  static JsonFactory factory() {
    return Json.mapper().getFactory();
  }

  /** {@code event} as one line of JSON, without a line break; for loggers. */
  public static String toJson(TraceEvent event) {
    StringWriter text = new StringWriter(512);
    try (JsonGenerator out = factory().createGenerator(text)) {
      write(event, out);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return text.toString();
  }

  /** Writes {@code event} as one JSON object to {@code out}; does not flush. */
  public static void write(TraceEvent event, JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeFieldName(TS);
    writeTimestamp(event.ts(), out);
    out.writeFieldName(LEVEL);
    TraceLevel level = event.level();
    out.writeString(level == null ? null : level.name());
    out.writeFieldName(EVENT);
    out.writeString(event.event());
    for (Map.Entry<String, Object> field : event.fields().entrySet()) {
      String name = field.getKey();
      if (name != null && !isEnvelopeName(name)) {
        out.writeFieldName(name);
        writeValue(field.getValue(), out);
      }
    }
    out.writeEndObject();
  }

  private static boolean isEnvelopeName(String name) {
    return name.equals("ts") || name.equals("level") || name.equals("event");
  }

  private static void writeValue(Object value, JsonGenerator out) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String text) {
      out.writeString(text);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      out.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number number) {
      writeNumber(number, out);
    } else if (value instanceof Boolean flag) {
      out.writeBoolean(flag);
    } else if (value instanceof Instant instant) {
      writeTimestamp(instant, out);
    } else {
      out.writeString(value.toString());
    }
  }

  private static void writeNumber(Number number, JsonGenerator out) throws IOException {
    if (number instanceof BigDecimal exact) {
      out.writeNumber(exact);
    } else if (number instanceof BigInteger big) {
      out.writeNumber(big);
    } else if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (Double.isFinite(d)) {
        out.writeNumber(d);
      } else {
        out.writeString(Double.toString(d)); // NaN, Infinity: not JSON numbers
      }
    } else {
      // AtomicLong, LongAdder, a host's own Number: its text is the most faithful form we know
      writeNumberText(number, out);
    }
  }

  private static void writeNumberText(Number number, JsonGenerator out) throws IOException {
    BigDecimal exact;
    try {
      exact = new BigDecimal(number.toString());
    } catch (NumberFormatException notDecimal) {
      out.writeString(number.toString());
      return;
    }
    out.writeNumber(exact);
  }

  private static void writeTimestamp(Instant ts, JsonGenerator out) throws IOException {
    if (ts == null) {
      out.writeNull();
      return;
    }
    char[] text = new char[TS_LENGTH];
    if (formatTimestamp(ts, text)) {
      out.writeString(text, 0, TS_LENGTH);
    } else {
      out.writeString(WIDE_YEARS.format(ts));
    }
  }

  /**
   * Writes {@code ts} as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} into {@code out}; false for years outside
   * 0000–9999, which need a sign or a fifth digit.
   */
  static boolean formatTimestamp(Instant ts, char[] out) {
    long seconds = ts.getEpochSecond();
    long days = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    // Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day count
    long z = days + 719_468L;
    long era = Math.floorDiv(z, 146_097L);
    int dayOfEra = (int) (z - era * 146_097L);
    int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      return false;
    }
    digits(out, 0, (int) year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
    out[19] = '.';
    digits(out, 20, ts.getNano() / 1_000_000, 3);
    out[23] = 'Z';
    return true;
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
