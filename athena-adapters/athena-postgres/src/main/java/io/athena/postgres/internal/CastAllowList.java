package io.athena.postgres.internal;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The PostgreSQL types a caller may name in {@code column_cast} / {@code value_cast}. Casts end up
 * in SQL text, so they come from this fixed list (matched case-insensitively, with any run of
 * spaces as one), never from the request verbatim. Each accepted spelling maps to the SQL we emit.
 */
final class CastAllowList {

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("text", "text"),
          Map.entry("varchar", "varchar"),
          Map.entry("character varying", "varchar"),
          Map.entry("char", "char"),
          Map.entry("character", "char"),
          Map.entry("int2", "int2"),
          Map.entry("smallint", "int2"),
          Map.entry("int4", "int4"),
          Map.entry("int", "int4"),
          Map.entry("integer", "int4"),
          Map.entry("int8", "int8"),
          Map.entry("bigint", "int8"),
          Map.entry("numeric", "numeric"),
          Map.entry("decimal", "numeric"),
          Map.entry("real", "float4"),
          Map.entry("float4", "float4"),
          Map.entry("float8", "float8"),
          Map.entry("double precision", "float8"),
          Map.entry("bool", "bool"),
          Map.entry("boolean", "bool"),
          Map.entry("uuid", "uuid"),
          Map.entry("date", "date"),
          Map.entry("time", "time"),
          Map.entry("time without time zone", "time"),
          Map.entry("timetz", "timetz"),
          Map.entry("time with time zone", "timetz"),
          Map.entry("timestamp", "timestamp"),
          Map.entry("timestamp without time zone", "timestamp"),
          Map.entry("timestamptz", "timestamptz"),
          Map.entry("timestamp with time zone", "timestamptz"),
          Map.entry("interval", "interval"),
          Map.entry("json", "json"),
          Map.entry("jsonb", "jsonb"),
          Map.entry("bytea", "bytea"),
          Map.entry("inet", "inet"),
          Map.entry("cidr", "cidr"),
          Map.entry("macaddr", "macaddr"));

  private CastAllowList() {}

  /**
   * The SQL spelling of an allowed cast: {@code "Integer"} → {@code int4}, {@code "text[]"} →
   * {@code text[]}.
   *
   * @throws GatewayException {@code INVALID_VALUE} naming the cast and the allowed types
   */
  static ColumnType resolve(String what, String cast) {
    String normalized = cast.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    String suffix = "";
    while (normalized.endsWith("[]")) {
      suffix += "[]";
      normalized = normalized.substring(0, normalized.length() - 2).trim();
    }
    String sql = TYPES.get(normalized);
    if (sql == null) {
      throw new GatewayException(
          ErrorCode.INVALID_VALUE,
          what
              + " '"
              + abbreviate(cast)
              + "' is not an allowed type; use one of "
              + new TreeSet<>(TYPES.keySet())
              + ", optionally followed by []");
    }
    return ColumnType.fromCastName(sql + suffix);
  }

  private static String abbreviate(String s) {
    String printable = s.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
  }
}
