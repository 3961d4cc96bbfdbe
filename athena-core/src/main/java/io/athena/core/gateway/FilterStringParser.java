package io.athena.core.gateway;

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
import java.util.stream.Collectors;

/**
 * Parses PostgREST-style filter strings, as clients send them for {@code or} and {@code not}:
 *
 * <pre>
 * list       = item ("," item)*            (the whole list may sit in one pair of parentheses)
 * item       = ["not."] ("and" | "or") "(" list ")" | comparison
 * comparison = column "." ["not."] operator "." value
 * value      = "(" element ("," element)* ")"   for in
 *            | quoted | raw                     otherwise
 * quoted     = '"' text with \" and \\ escapes '"'
 * raw        = text up to "," or ")" outside {} and [] (so "{a,b}" stays one value), stripped
 * </pre>
 *
 * Values stay strings (the backend casts them to the column's type), except after {@code is}, where
 * {@code null}, {@code true}, {@code false} and {@code unknown} become JSON values ({@code unknown}
 * is SQL's name for a null boolean). Every problem is a {@link GatewayException}; group depth and
 * the number of comparisons are bounded by the request's {@link GatewayLimits}.
 */
final class FilterStringParser {
  private static final String ALLOWED_OPERATORS =
      Arrays.stream(Operator.values()).map(Operator::wireName).collect(Collectors.joining(", "));

  private final String field;
  private final String text;
  private final GatewayLimits limits;
  private int pos;
  private int comparisons;

  private FilterStringParser(String field, String text, GatewayLimits limits) {
    this.field = field;
    this.text = text;
    this.limits = limits;
  }

  /**
   * The items of a filter list such as {@code a.eq.1,or(b.is.null,c.gt.2)}.
   *
   * @param field the request field the text came from, for messages
   */
  static List<Condition> parseList(String field, String text) {
    return parseList(field, text, GatewayLimits.DEFAULTS);
  }

  /** {@link #parseList(String, String)} under the configured {@code limits}. */
  static List<Condition> parseList(String field, String text, GatewayLimits limits) {
    FilterStringParser parser = new FilterStringParser(field, text, limits);
    parser.skipSpaces();
    List<Condition> items;
    if (parser.peek() == '(') {
      parser.pos++;
      items = parser.list(1);
      parser.expect(')');
    } else {
      items = parser.list(1);
    }
    parser.expectEnd();
    return items;
  }

  /** A comparison on a known column from {@code operator.value}, such as {@code is.null}. */
  static Condition parseOperatorValue(String field, String column, String text) {
    FilterStringParser parser = new FilterStringParser(field, text, GatewayLimits.DEFAULTS);
    parser.skipSpaces();
    Condition condition = parser.operatorAndValue(column);
    parser.expectEnd();
    return condition;
  }

  /** An {@code in} list given as text: {@code (a,b,"c,d")}. */
  static List<Object> parseInList(String field, String text) {
    FilterStringParser parser = new FilterStringParser(field, text, GatewayLimits.DEFAULTS);
    parser.skipSpaces();
    List<Object> values = parser.inList();
    parser.expectEnd();
    return values;
  }

  private List<Condition> list(int depth) {
    List<Condition> items = new ArrayList<>();
    do {
      items.add(item(depth));
      skipSpaces();
    } while (consume(','));
    return items;
  }

  private Condition item(int depth) {
    skipSpaces();
    boolean negated = lookingAt("not.and(") || lookingAt("not.or(");
    if (negated) {
      pos += "not.".length();
    }
    boolean all = lookingAt("and(");
    if (!all && !lookingAt("or(")) {
      return comparison();
    }
    if (depth >= limits.maxDepth()) {
      throw syntax("groups nest deeper than " + limits.maxDepth() + " levels");
    }
    pos += all ? "and(".length() : "or(".length();
    List<Condition> inner = list(depth + 1);
    expect(')');
    Condition group = all ? new AllOf(inner) : new AnyOf(inner);
    return negated ? new Not(group) : group;
  }

  private Condition comparison() {
    String column = word("a column name");
    expect('.');
    return operatorAndValue(column);
  }

  private Condition operatorAndValue(String column) {
    String name = word("an operator");
    boolean negated = name.equals("not");
    if (negated) {
      expect('.');
      name = word("an operator");
    }
    Operator operator = operator(name, column);
    expect('.');
    if (++comparisons > limits.maxConditions()) {
      throw syntax("more than " + limits.maxConditions() + " conditions");
    }
    Condition comparison = new Comparison(column, operator, value(operator, column));
    return negated ? new Not(comparison) : comparison;
  }

  private Operator operator(String name, String column) {
    return Operator.fromWireName(name)
        .orElseThrow(
            () ->
                new GatewayException(
                    ErrorCode.INVALID_OPERATOR,
                    field
                        + ": unknown operator '"
                        + printable(name)
                        + "' for column '"
                        + printable(column)
                        + "'; allowed: "
                        + ALLOWED_OPERATORS));
  }

  private Object value(Operator operator, String column) {
    if (operator == Operator.IN) {
      return inList();
    }
    String value = peek() == '"' ? quoted() : raw();
    return operator == Operator.IS ? isKeyword(field, column, value) : value;
  }

  /** The operand of {@code is}: SQL's keywords as JSON values. */
  static Object isKeyword(String field, String column, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "null":
      case "unknown":
        return null;
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        throw new GatewayException(
            ErrorCode.INVALID_VALUE,
            field
                + ": is on column '"
                + printable(column)
                + "' accepts null, true, false or unknown, not '"
                + printable(value)
                + "'");
    }
  }

  private List<Object> inList() {
    expect('(');
    List<Object> values = new ArrayList<>();
    skipSpaces();
    if (consume(')')) {
      return values;
    }
    do {
      skipSpaces();
      values.add(peek() == '"' ? quoted() : rawListElement());
      skipSpaces();
    } while (consume(','));
    expect(')');
    return values;
  }

  private String raw() {
    int start = pos;
    int nesting = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (nesting == 0 && (c == ',' || c == ')')) {
        break;
      }
      if (c == '{' || c == '[') {
        nesting++;
      } else if ((c == '}' || c == ']') && nesting > 0) {
        nesting--;
      } else if (c == '(' && nesting == 0) {
        throw syntax("'(' inside a value; quote the value");
      }
      pos++;
    }
    return text.substring(start, pos).strip();
  }

  private String rawListElement() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ')') {
      if (text.charAt(pos) == '(') {
        throw syntax("'(' inside a list value; quote the value");
      }
      pos++;
    }
    return text.substring(start, pos).strip();
  }

  private String quoted() {
    int start = pos;
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        pos = start;
        throw syntax("unterminated quoted value");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      value.append(c);
    }
    skipSpaces();
    if (pos < text.length() && peek() != ',' && peek() != ')') {
      throw syntax("text after a quoted value");
    }
    return value.toString();
  }

  /** Text up to the next '.', which must not be empty nor hold a delimiter. */
  private String word(String what) {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != '.') {
      char c = text.charAt(pos);
      if (c == ',' || c == '(' || c == ')' || c == '"') {
        break;
      }
      pos++;
    }
    if (pos == start) {
      throw syntax("expected " + what);
    }
    return text.substring(start, pos);
  }

  private void expect(char c) {
    if (!consume(c)) {
      String ended = pos < text.length() ? "" : " but the text ended";
      throw syntax("expected '" + c + "'" + ended);
    }
  }

  private void expectEnd() {
    skipSpaces();
    if (pos < text.length()) {
      throw syntax("unexpected '" + printable(String.valueOf(text.charAt(pos))) + "'");
    }
  }

  private boolean consume(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean lookingAt(String prefix) {
    return text.startsWith(prefix, pos);
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private GatewayException syntax(String problem) {
    return new GatewayException(
        ErrorCode.INVALID_REQUEST,
        field
            + " '"
            + printable(text)
            + "' is not a valid filter: "
            + problem
            + " at position "
            + pos);
  }

  /** Caller text echoed in a message: cut short, control characters replaced. */
  static String printable(String text) {
    String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
