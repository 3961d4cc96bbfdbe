package io.athena.core.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import io.athena.spi.RawJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Writes rows as JSON objects keyed by column name, straight to a {@link JsonGenerator}: no map per
 * row. {@link RawJson} values go out verbatim, numbers keep their exact value.
 */
final class RowWriter {
  private final boolean stripNulls;

  /**
   * @param stripNulls leave out the fields whose value is null ({@code X-Strip-Nulls})
   */
  RowWriter(boolean stripNulls) {
    this.stripNulls = stripNulls;
  }

  void writeRow(JsonGenerator out, List<String> columns, IntFunction<Object> values)
      throws IOException {
    out.writeStartObject();
    for (int i = 0; i < columns.size(); i++) {
      Object value = values.apply(i);
      if (value == null && stripNulls) {
        continue;
      }
      out.writeFieldName(columns.get(i));
      writeValue(out, value);
    }
    out.writeEndObject();
  }

  static void writeValue(JsonGenerator out, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String text) {
      out.writeString(text);
    } else if (value instanceof Boolean bool) {
      out.writeBoolean(bool);
    } else if (value instanceof RawJson raw) {
      out.writeRawValue(raw.json());
    } else if (value instanceof Number number) {
      writeNumber(out, number);
    } else if (value instanceof List<?> list) {
      out.writeStartArray();
      for (Object element : list) {
        writeValue(out, element);
      }
      out.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      out.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.writeFieldName(String.valueOf(entry.getKey()));
        writeValue(out, entry.getValue());
      }
      out.writeEndObject();
    } else {
      // a backend should not hand us other types; text is the least surprising answer
      out.writeString(value.toString());
    }
  }

  private static void writeNumber(JsonGenerator out, Number number) throws IOException {
    if (number instanceof BigDecimal decimal) {
      out.writeNumber(decimal);
    } else if (number instanceof BigInteger integer) {
      out.writeNumber(integer);
    } else if (number instanceof Double || number instanceof Float) {
      out.writeNumber(number.doubleValue());
    } else if (number instanceof Integer
        || number instanceof Long
        || number instanceof Short
        || number instanceof Byte) {
      out.writeNumber(number.longValue());
    } else {
      out.writeNumber(new BigDecimal(number.toString()));
    }
  }
}
