package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.spi.Condition;
import io.athena.spi.Condition.AllOf;
import io.athena.spi.Condition.AnyOf;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.Condition.Not;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the filters of a request, in every form clients send, into one list that must all hold:
 *
 * <ul>
 *   <li>{@code conditions}: {@code [{column, operator, value, column_cast?, value_cast?}]}, the
 *       legacy {@code {eq_column, eq_value}}, or both at once (the SDK sends both for {@code eq});
 *       when the two forms disagree the {@code column/operator/value} form wins;
 *   <li>{@code where}: {@code {col: value}} (eq) or {@code {col: {op: value, ...}}};
 *   <li>{@code or} and {@code not}: PostgREST strings (see {@link FilterStringParser}), also as
 *       {@code {"operator": "or"|"not", "value": "..."}} inside {@code conditions}.
 * </ul>
 *
 * A JSON {@code null} compared with {@code eq}/{@code neq} becomes {@code IS NULL}/{@code IS NOT
 * NULL}: SQL's {@code = NULL} never matches, which is never what a caller means.
 */
final class ConditionParser {
  private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_ ]{0,62}(\\[\\])?");
  private static final String ALLOWED_OPERATORS =
      Arrays.stream(Operator.values()).map(Operator::wireName).collect(Collectors.joining(", "))
          + ", or, not";

  private final GatewayLimits limits;

  private ConditionParser(GatewayLimits limits) {
    this.limits = limits;
  }

  /** Every filter of a read, update or delete target under the default limits. */
  static List<Condition> parse(Fields body) {
    return parse(body, GatewayLimits.DEFAULTS);
  }

  /** Every filter of a read, update or delete target; empty when there is none. */
  static List<Condition> parse(Fields body, GatewayLimits limits) {
    return new ConditionParser(limits).all(body);
  }

  private List<Condition> all(Fields body) {
    List<Condition> conditions = new ArrayList<>();
    conditionList(body, conditions);
    where(body, conditions);
    body.string("or").ifPresent(text -> conditions.add(anyOf("or", text)));
    body.string("not").ifPresent(text -> conditions.add(not("not", text)));
    checkCount(conditions);
    return conditions;
  }

  private void conditionList(Fields body, List<Condition> out) {
    JsonNode node = body.get("conditions");
    if (node == null || node.isNull()) {
      return;
    }
    // an object is refused rather than read as one condition: the contract's shape is an array,
    // and guessing at a malformed filter could widen what an update or delete touches
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        String name = "conditions[" + i + "]";
        if (!element.isObject()) {
          throw Fields.invalid(name + " must be an object");
        }
        out.add(condition(Fields.nested(element, name)));
      }
    } else {
      throw Fields.invalid(
          "conditions must be an array of objects, not " + ConditionParser.kind(node));
    }
  }

  /** One entry of {@code conditions}. */
  private Condition condition(Fields c) {
    Optional<String> operatorName = c.string("operator");
    String logical = operatorName.map(n -> n.toLowerCase(Locale.ROOT)).orElse("");
    if (logical.equals("or")) {
      return anyOf(c.name("value"), c.requiredString("value"));
    }
    if (logical.equals("not")) {
      return negation(c);
    }
    String column =
        c.string("column")
            .or(() -> c.string("eq_column"))
            .orElseThrow(() -> Fields.invalid(c.name("column") + " is required"));
    Operator operator = operatorName.map(n -> operator(c.name("operator"), n)).orElse(Operator.EQ);
    // the column/operator/value form wins; eq_value only fills in a missing value
    JsonNode value = c.present("value") ? c.get("value") : c.get("eq_value");
    String columnCast = cast(c, "column_cast", "eq_column_cast");
    String valueCast = cast(c, "value_cast", "eq_value_cast");
    return comparison(c.name("value"), column, operator, value, columnCast, valueCast);
  }

  /** {@code {operator: "not", value: "a.is.null"}}, or with a column: {@code value: "is.null"}. */
  private Condition negation(Fields c) {
    String text = c.requiredString("value");
    Optional<String> column = c.string("column").or(() -> c.string("eq_column"));
    if (column.isPresent()) {
      return new Not(FilterStringParser.parseOperatorValue(c.name("value"), column.get(), text));
    }
    return not(c.name("value"), text);
  }

  private void where(Fields body, List<Condition> out) {
    JsonNode where = body.get("where");
    if (where == null) {
      return;
    }
    if (!where.isObject()) {
      throw Fields.invalid("where must be an object");
    }
    for (Map.Entry<String, JsonNode> entry : where.properties()) {
      whereEntry("where." + entry.getKey(), entry.getKey(), entry.getValue(), out);
    }
  }

  private void whereEntry(String name, String key, JsonNode value, List<Condition> out) {
    if ((key.equals("or") || key.equals("not")) && value.isTextual()) {
      out.add(key.equals("or") ? anyOf(name, value.asText()) : not(name, value.asText()));
    } else if (value.isObject()) {
      if (value.isEmpty()) {
        throw Fields.invalid(name + " must name at least one operator");
      }
      for (Map.Entry<String, JsonNode> op : value.properties()) {
        String opName = name + "." + op.getKey();
        out.add(comparison(opName, key, operator(opName, op.getKey()), op.getValue(), null, null));
      }
    } else {
      out.add(comparison(name, key, Operator.EQ, value, null, null));
    }
  }

  /** A comparison whose JSON value is shaped for its operator. */
  private static Condition comparison(
      String name,
      String column,
      Operator op,
      JsonNode value,
      String columnCast,
      String valueCast) {
    boolean isNull = value == null || value.isNull();
    if (isNull && (op == Operator.EQ || op == Operator.NEQ)) {
      Condition isNullCheck = new Comparison(column, Operator.IS, null, columnCast, null);
      return op == Operator.EQ ? isNullCheck : new Not(isNullCheck);
    }
    Object operand =
        switch (op) {
          case IN -> inValues(name, value);
          case IS -> isValue(name, column, value);
          default -> JsonValues.toJava(value);
        };
    return new Comparison(column, op, operand, columnCast, valueCast);
  }

  private static List<Object> inValues(String name, JsonNode value) {
    if (value != null && value.isArray()) {
      return JsonValues.toList(value);
    }
    if (value != null && value.isTextual()) {
      return FilterStringParser.parseInList(name, value.asText());
    }
    throw new GatewayException(
        ErrorCode.INVALID_VALUE, name + " must be an array (or \"(a,b)\") for operator in");
  }

  private static Object isValue(String name, String column, JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return FilterStringParser.isKeyword(name, column, value.asText());
  }

  private static Operator operator(String name, String wireName) {
    return Operator.fromWireName(wireName)
        .orElseThrow(
            () ->
                new GatewayException(
                    ErrorCode.INVALID_OPERATOR,
                    name
                        + ": unknown operator '"
                        + FilterStringParser.printable(wireName)
                        + "'; allowed: "
                        + ALLOWED_OPERATORS));
  }

  private static String cast(Fields c, String field, String legacyField) {
    Optional<String> cast = c.string(field);
    String name = c.name(field);
    if (cast.isEmpty()) {
      cast = c.string(legacyField);
      name = c.name(legacyField);
    }
    if (cast.isPresent() && !TYPE_NAME.matcher(cast.get()).matches()) {
      throw Fields.invalid(
          name + " '" + FilterStringParser.printable(cast.get()) + "' is not a type name");
    }
    return cast.orElse(null);
  }

  private Condition anyOf(String name, String text) {
    return new AnyOf(FilterStringParser.parseList(name, text, limits));
  }

  /** {@code not: "a,b"} negates the conjunction: not (a and b). */
  private Condition not(String name, String text) {
    List<Condition> items = FilterStringParser.parseList(name, text, limits);
    return new Not(items.size() == 1 ? items.get(0) : new AllOf(items));
  }

  private void checkCount(List<Condition> conditions) {
    int count = conditions.stream().mapToInt(ConditionParser::comparisons).sum();
    if (count > limits.maxConditions()) {
      throw Fields.invalid(
          "a request may hold at most "
              + limits.maxConditions()
              + " conditions; this one holds "
              + count);
    }
  }

  /** How a JSON node is named in a message: by kind, so a hostile value is never echoed. */
  private static String kind(JsonNode node) {
    return node.isObject()
        ? "an object"
        : "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static int comparisons(Condition condition) {
    if (condition instanceof Comparison) {
      return 1;
    }
    if (condition instanceof Not not) {
      return comparisons(not.condition());
    }
    List<Condition> children =
        condition instanceof AnyOf any ? any.conditions() : ((AllOf) condition).conditions();
    return children.stream().mapToInt(ConditionParser::comparisons).sum();
  }
}
