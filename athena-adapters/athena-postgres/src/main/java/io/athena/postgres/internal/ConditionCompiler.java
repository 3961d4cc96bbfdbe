package io.athena.postgres.internal;

import io.athena.spi.Condition;
import io.athena.spi.Condition.AllOf;
import io.athena.spi.Condition.AnyOf;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.Condition.Not;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.util.List;
import java.util.Locale;

/**
 * Compiles conditions into a boolean SQL expression over one table. Every value is bound and cast
 * to the compared column's catalog type (or the caller's allowed {@code value_cast}), so that a
 * UUID or a timestamp sent as a JSON string compares as a UUID or a timestamp, and bad input fails
 * in PostgreSQL's input function as a data exception (400) rather than as a type error.
 */
final class ConditionCompiler {
  private ConditionCompiler() {}

  /** Appends {@code " WHERE a AND b ..."}, or nothing when there are no conditions. */
  static void where(SqlWriter w, TableInfo table, List<Condition> conditions) {
    if (!conditions.isEmpty()) {
      w.sql(" WHERE ");
      joined(w, table, conditions, " AND ");
    }
  }

  static void condition(SqlWriter w, TableInfo table, Condition condition) {
    if (condition instanceof Comparison c) {
      comparison(w, table, c);
    } else if (condition instanceof AnyOf any) {
      group(w, table, any.conditions(), " OR ", "FALSE");
    } else if (condition instanceof AllOf all) {
      group(w, table, all.conditions(), " AND ", "TRUE");
    } else if (condition instanceof Not not) {
      w.sql("NOT (");
      condition(w, table, not.condition());
      w.sql(")");
    } else {
      throw new IllegalArgumentException("Unknown condition " + condition);
    }
  }

  // An empty OR is false and an empty AND is true, as in logic (and PostgREST).
  private static void group(
      SqlWriter w, TableInfo table, List<Condition> conditions, String op, String whenEmpty) {
    if (conditions.isEmpty()) {
      w.sql(whenEmpty);
      return;
    }
    w.sql("(");
    joined(w, table, conditions, op);
    w.sql(")");
  }

  private static void joined(
      SqlWriter w, TableInfo table, List<Condition> conditions, String separator) {
    for (int i = 0; i < conditions.size(); i++) {
      if (i > 0) {
        w.sql(separator);
      }
      condition(w, table, conditions.get(i));
    }
  }

  private static void comparison(SqlWriter w, TableInfo table, Comparison c) {
    Operand left = Operand.of(table.column(c.column()), c.columnCast());
    ColumnType valueType =
        c.valueCast() == null ? left.type() : CastAllowList.resolve("value_cast", c.valueCast());
    Object value = c.value();
    switch (c.operator()) {
      case EQ -> compareOrNull(w, left, "=", " IS NULL", value, valueType);
      case NEQ -> compareOrNull(w, left, "<>", " IS NOT NULL", value, valueType);
      case GT -> compare(w, left, ">", required(c, value), valueType);
      case GTE -> compare(w, left, ">=", required(c, value), valueType);
      case LT -> compare(w, left, "<", required(c, value), valueType);
      case LTE -> compare(w, left, "<=", required(c, value), valueType);
      case LIKE -> like(w, left, "LIKE", required(c, value));
      case ILIKE -> like(w, left, "ILIKE", required(c, value));
      case IS -> is(w, left, value);
      case IN -> in(w, left, required(c, value), valueType);
      case CONTAINS -> contains(w, left, "@>", c, valueType);
      case CONTAINED_BY -> contains(w, left, "<@", c, valueType);
      default -> throw new IllegalArgumentException("Unknown operator " + c.operator());
    }
  }

  /** The left-hand side: a quoted column, possibly wrapped in the caller's allowed cast. */
  private record Operand(String sql, ColumnType type) {
    static Operand of(ColumnInfo column, String columnCast) {
      if (columnCast == null) {
        return new Operand(column.quoted(), column.type());
      }
      ColumnType cast = CastAllowList.resolve("column_cast", columnCast);
      return new Operand("CAST(" + column.quoted() + " AS " + cast.sql() + ")", cast);
    }
  }

  private static void compareOrNull(
      SqlWriter w, Operand left, String op, String whenNull, Object value, ColumnType type) {
    if (value == null) {
      w.sql(left.sql()).sql(whenNull);
    } else {
      compare(w, left, op, value, type);
    }
  }

  private static void compare(SqlWriter w, Operand left, String op, Object value, ColumnType type) {
    w.sql(left.sql()).sql(" ").sql(op).sql(" ");
    w.bindAs(Params.filterValue(value, type), type.sql());
  }

  // PostgREST spells the LIKE wildcard '*' because '%' is awkward in URLs; accept both.
  private static void like(SqlWriter w, Operand left, String op, Object value) {
    String pattern = JsonValues.toText(value).replace('*', '%');
    String column = left.type().isText() ? left.sql() : "CAST(" + left.sql() + " AS text)";
    w.sql(column).sql(" ").sql(op).sql(" ");
    w.bindAs(SqlParam.text(pattern), "text");
  }

  private static void is(SqlWriter w, Operand left, Object value) {
    String test =
        switch (value == null ? "null" : value.toString().trim().toLowerCase(Locale.ROOT)) {
          case "null" -> " IS NULL";
          case "not_null", "notnull", "not.null", "not null" -> " IS NOT NULL";
          case "true" -> " IS TRUE";
          case "false" -> " IS FALSE";
          case "unknown" -> " IS UNKNOWN";
          default ->
              throw new GatewayException(
                  ErrorCode.INVALID_VALUE,
                  "Operator 'is' accepts null, not_null, true, false or unknown");
        };
    w.sql(left.sql()).sql(test);
  }

  private static void in(SqlWriter w, Operand left, Object value, ColumnType elementType) {
    w.sql(left.sql()).sql(" = ANY(");
    w.bindAs(Params.arrayValue(value), elementType.arraySql());
    w.sql(")");
  }

  private static void contains(
      SqlWriter w, Operand left, String op, Comparison c, ColumnType valueType) {
    Object value = required(c, c.value());
    if (left.type().isJson()) {
      // json has no @> operator; jsonb does, and json converts to it losslessly for this purpose
      String column =
          left.type().kind() == ColumnType.Kind.JSON
              ? "CAST(" + left.sql() + " AS jsonb)"
              : left.sql();
      w.sql(column).sql(" ").sql(op).sql(" ");
      w.bindAs(Params.filterValue(value, ColumnType.fromCastName("jsonb")), "jsonb");
    } else if (left.type().isArray() || left.type().kind() == ColumnType.Kind.RANGE) {
      compare(w, left, op, value, valueType);
    } else {
      throw new GatewayException(
          ErrorCode.INVALID_OPERATOR,
          "Operator '"
              + c.operator().wireName()
              + "' needs a json, jsonb, array or range column; '"
              + c.column()
              + "' is "
              + left.type().declared());
    }
  }

  private static Object required(Comparison c, Object value) {
    if (value == null) {
      throw new GatewayException(
          ErrorCode.INVALID_VALUE,
          "Operator '"
              + c.operator().wireName()
              + "' on column '"
              + c.column()
              + "' needs a non-null value");
    }
    return value;
  }
}
