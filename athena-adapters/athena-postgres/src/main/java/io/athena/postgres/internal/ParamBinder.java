package io.athena.postgres.internal;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/** Binds values to prepared statements: compiled {@link SqlParam}s and raw-query JSON params. */
final class ParamBinder {
  private ParamBinder() {}

  static void bind(PreparedStatement ps, List<SqlParam> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      bindOne(ps, i + 1, params.get(i));
    }
  }

  private static void bindOne(PreparedStatement ps, int index, SqlParam param) throws SQLException {
    if (param instanceof SqlParam.Text text) {
      if (text.value() == null) {
        ps.setNull(index, Types.VARCHAR);
      } else {
        ps.setString(index, text.value());
      }
    } else if (param instanceof SqlParam.TextArray array) {
      ps.setArray(index, textArray(ps.getConnection(), array.elements()));
    } else if (param instanceof SqlParam.Int8 int8) {
      ps.setLong(index, int8.value());
    } else {
      throw new IllegalArgumentException("Unknown parameter " + param);
    }
  }

  private static Array textArray(Connection c, List<Object> elements) throws SQLException {
    return c.createArrayOf("text", toArray(elements));
  }

  // Nested lists become a multi-dimensional String array, which the driver encodes as such.
  private static Object[] toArray(List<?> elements) {
    Object[] children = new Object[elements.size()];
    Class<?> componentType = String.class;
    for (int i = 0; i < children.length; i++) {
      Object e = elements.get(i);
      children[i] = e instanceof List<?> list ? toArray(list) : e;
      if (e instanceof List<?>) {
        componentType = children[i].getClass();
      }
    }
    Object[] out = (Object[]) java.lang.reflect.Array.newInstance(componentType, children.length);
    try {
      System.arraycopy(children, 0, out, 0, children.length);
    } catch (ArrayStoreException e) {
      throw new GatewayException(
          ErrorCode.INVALID_VALUE, "Array value mixes nested arrays with scalars", e);
    }
    return out;
  }

  /**
   * Binds a raw query's params so that PostgreSQL infers their types from the SQL: strings and JSON
   * objects or arrays (as JSON text) go untyped, numbers and booleans typed, null as an untyped
   * NULL.
   */
  static void bindRaw(PreparedStatement ps, List<Integer> indexes, List<Object> params)
      throws SQLException {
    for (int i = 0; i < indexes.size(); i++) {
      bindRawOne(ps, i + 1, params.get(indexes.get(i)));
    }
  }

  private static void bindRawOne(PreparedStatement ps, int index, Object value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.OTHER);
    } else if (value instanceof Boolean b) {
      ps.setBoolean(index, b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      ps.setLong(index, ((Number) value).longValue());
    } else if (value instanceof BigInteger big) {
      ps.setBigDecimal(index, new BigDecimal(big));
    } else if (value instanceof BigDecimal d) {
      ps.setBigDecimal(index, d);
    } else if (value instanceof Double || value instanceof Float) {
      ps.setDouble(index, ((Number) value).doubleValue());
    } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
      ps.setObject(index, JsonValues.toJson(value), Types.OTHER);
    } else {
      ps.setObject(index, JsonValues.toText(value), Types.OTHER);
    }
  }
}
