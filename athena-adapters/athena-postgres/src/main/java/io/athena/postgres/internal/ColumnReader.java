package io.athena.postgres.internal;

import io.athena.spi.RawJson;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.postgresql.util.PGobject;

/**
 * Reads one column of the current row as a JSON-ready value. A reader is chosen once per column
 * from the type name in the result set metadata, so reading a row costs one virtual call per value
 * and allocates only the value itself.
 */
@FunctionalInterface
interface ColumnReader {

  /** Reads column {@code index} (1-based) of the current row; {@code null} for SQL NULL. */
  Object read(ResultSet rs, int index) throws SQLException;

  Map<String, ColumnReader> BY_TYPE =
      Map.ofEntries(
          Map.entry("int2", ColumnReader::readInt),
          Map.entry("smallserial", ColumnReader::readInt),
          Map.entry("serial", ColumnReader::readInt),
          Map.entry("bigserial", ColumnReader::readLong),
          Map.entry("int4", ColumnReader::readInt),
          Map.entry("int8", ColumnReader::readLong),
          Map.entry("oid", ColumnReader::readLong),
          Map.entry("numeric", ColumnReader::readNumeric),
          Map.entry("float4", ColumnReader::readDouble),
          Map.entry("float8", ColumnReader::readDouble),
          Map.entry("bool", ColumnReader::readBoolean),
          Map.entry("json", ColumnReader::readJson),
          Map.entry("jsonb", ColumnReader::readJson),
          Map.entry("timestamptz", ColumnReader::readTimestampTz),
          Map.entry("timestamp", ColumnReader::readTimestamp),
          Map.entry("date", ColumnReader::readDate),
          Map.entry("bytea", ColumnReader::readBytea));

  /**
   * The reader for a column whose {@code getColumnTypeName} is {@code typeName}: pgjdbc's type name
   * ({@code int4}, {@code _text} for {@code text[]}), or {@code serial}/{@code bigserial} for
   * integer columns with a sequence default.
   */
  static ColumnReader forType(String typeName) {
    if (typeName != null && typeName.startsWith("_")) {
      return arrayReader(typeName.substring(1));
    }
    return BY_TYPE.getOrDefault(typeName, ResultSet::getString);
  }

  private static Object readInt(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }

  private static Object readLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }

  private static Object readBoolean(ResultSet rs, int i) throws SQLException {
    boolean v = rs.getBoolean(i);
    return rs.wasNull() ? null : v;
  }

  // numeric may hold NaN and ±Infinity, which BigDecimal cannot: those stay strings
  private static Object readNumeric(ResultSet rs, int i) throws SQLException {
    return numeric(rs.getString(i));
  }

  private static Object readDouble(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : finiteOrString(v);
  }

  private static Object readJson(ResultSet rs, int i) throws SQLException {
    String json = rs.getString(i);
    return json == null ? null : new RawJson(json);
  }

  private static Object readTimestampTz(ResultSet rs, int i) throws SQLException {
    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
    if (t == null || t.equals(OffsetDateTime.MAX) || t.equals(OffsetDateTime.MIN)) {
      return t == null ? null : rs.getString(i); // ±infinity
    }
    return t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static Object readTimestamp(ResultSet rs, int i) throws SQLException {
    LocalDateTime t = rs.getObject(i, LocalDateTime.class);
    if (t == null || t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) {
      return t == null ? null : rs.getString(i);
    }
    return t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  }

  private static Object readDate(ResultSet rs, int i) throws SQLException {
    LocalDate d = rs.getObject(i, LocalDate.class);
    if (d == null || d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN)) {
      return d == null ? null : rs.getString(i);
    }
    return d.format(DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private static Object readBytea(ResultSet rs, int i) throws SQLException {
    byte[] bytes = rs.getBytes(i);
    return bytes == null ? null : hex(bytes);
  }

  private static ColumnReader arrayReader(String elementType) {
    return (rs, i) -> {
      Array array = rs.getArray(i);
      return array == null ? null : elements(array.getArray(), elementType);
    };
  }

  private static List<Object> elements(Object array, String elementType) {
    Object[] items = (Object[]) array;
    List<Object> out = new ArrayList<>(items.length);
    for (Object item : items) {
      out.add(element(item, elementType));
    }
    return out;
  }

  // The driver materializes array elements as Java objects; map them like scalar columns.
  private static Object element(Object item, String elementType) {
    if (item == null || item instanceof Number || item instanceof Boolean) {
      if (item instanceof Double d) {
        return finiteOrString(d);
      }
      return item instanceof Float f && !Float.isFinite(f) ? finiteOrString(f) : item;
    }
    if (item instanceof Object[]) {
      return elements(item, elementType);
    }
    if (item instanceof Timestamp ts) {
      return elementType.equals("timestamptz")
          ? ts.toInstant().atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          : ts.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }
    if (item instanceof java.sql.Date date) {
      return date.toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE);
    }
    if (item instanceof byte[] bytes) {
      return hex(bytes);
    }
    if (item instanceof PGobject pg && pg.getType() != null && pg.getType().startsWith("json")) {
      return pg.getValue() == null ? null : new RawJson(pg.getValue());
    }
    String text = item instanceof PGobject pg ? pg.getValue() : item.toString();
    if (elementType.equals("json") || elementType.equals("jsonb")) {
      return new RawJson(text);
    }
    return elementType.equals("numeric") ? numeric(text) : text;
  }

  private static Object numeric(String text) {
    if (text == null) {
      return null;
    }
    char first = text.charAt(0);
    boolean finite =
        Character.isDigit(first) || (first == '-' && text.length() > 1 && text.charAt(1) != 'I');
    return finite ? new BigDecimal(text) : text;
  }

  private static Object finiteOrString(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    return v;
  }

  private static String hex(byte[] bytes) {
    return "\\x" + HexFormat.of().formatHex(bytes);
  }
}
