package io.athena.postgres.internal;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the list forms callers send as strings for {@code in}, {@code contains} and {@code
 * containedBy}: PostgREST's {@code (a,b,"c,d")} and a bare {@code a,b}. Unquoted items are trimmed;
 * double-quoted items keep their spaces and commas and unescape {@code \"} and {@code \\}.
 */
final class ListLiteral {
  private ListLiteral() {}

  static List<String> parse(String text) {
    String body = text.trim();
    if (body.startsWith("(") && body.endsWith(")")) {
      body = body.substring(1, body.length() - 1);
    }
    List<String> items = new ArrayList<>();
    if (body.isBlank()) {
      return items;
    }
    int i = 0;
    while (i <= body.length()) {
      StringBuilder item = new StringBuilder();
      i = skipSpaces(body, i);
      if (i < body.length() && body.charAt(i) == '"') {
        i = readQuoted(body, i + 1, item);
        i = skipSpaces(body, i);
      } else {
        int end = body.indexOf(',', i);
        end = end < 0 ? body.length() : end;
        item.append(body.substring(i, end).strip());
        i = end;
      }
      items.add(item.toString());
      if (i < body.length() && body.charAt(i) != ',') {
        throw malformed(text);
      }
      i++;
    }
    return items;
  }

  private static int readQuoted(String s, int i, StringBuilder out) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        out.append(s.charAt(i + 1));
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    throw malformed(s);
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static GatewayException malformed(String text) {
    return new GatewayException(
        ErrorCode.INVALID_VALUE, "Malformed list value; expected (a,b,...) or a,b,...");
  }
}
