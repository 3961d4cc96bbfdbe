package io.athena.postgres.internal;

import java.util.Objects;

/**
 * A column's type as the compiler needs it: the SQL spelling to cast bound values to, and the few
 * properties that change which SQL an operator compiles to.
 *
 * <p>Casts go to the type without its modifier ({@code format_type(atttypid, NULL)}): an explicit
 * cast to {@code varchar(20)} or {@code numeric(10,2)} silently truncates or rounds, so a filter
 * value would match rows it does not equal and an insert would store less than it was given. Cast
 * to the unmodified type, the value meets the column's modifier through PostgreSQL's assignment
 * rules, which reject a value that does not fit.
 *
 * @param sql the cast target, such as {@code character varying} or {@code integer[]}; valid SQL
 *     type syntax, quoted where needed
 * @param declared the declared type with modifiers ({@code format_type(atttypid, atttypmod)}), for
 *     messages
 * @param kind what the operators care about (domains are classified by their base type)
 */
record ColumnType(String sql, String declared, Kind kind) {

  /** The properties of a type that change compilation. */
  enum Kind {
    /** A string type ({@code text}, {@code varchar}, {@code char}, {@code name}, citext...). */
    TEXT,
    JSON,
    JSONB,
    ARRAY,
    RANGE,
    OTHER
  }

  ColumnType {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(declared, "declared");
    Objects.requireNonNull(kind, "kind");
  }

  /** A type without modifiers, whose cast target and declaration are the same. */
  static ColumnType of(String sql, Kind kind) {
    return new ColumnType(sql, sql, kind);
  }

  /** Classifies an allowed cast type ({@code int4[]}, {@code jsonb}, {@code text}). */
  static ColumnType fromCastName(String sql) {
    if (sql.endsWith("[]")) {
      return of(sql, Kind.ARRAY);
    }
    return switch (sql) {
      case "json" -> of(sql, Kind.JSON);
      case "jsonb" -> of(sql, Kind.JSONB);
      case "text", "varchar", "char" -> of(sql, Kind.TEXT);
      default -> of(sql, Kind.OTHER);
    };
  }

  boolean isJson() {
    return kind == Kind.JSON || kind == Kind.JSONB;
  }

  boolean isText() {
    return kind == Kind.TEXT;
  }

  boolean isArray() {
    return kind == Kind.ARRAY;
  }

  /** The array type over this one, for {@code = ANY(CAST(? AS t[]))}. */
  String arraySql() {
    return sql + "[]";
  }
}
