package io.athena.postgres.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A caller's raw SQL, split into statements and rewritten for JDBC. PostgreSQL numbers parameters
 * {@code $1..$n}; JDBC uses {@code ?} in order, so each {@code $n} becomes one {@code ?} bound to
 * param {@code n} (twice when it occurs twice). A literal {@code ?} in code (the jsonb {@code ?}
 * operators) becomes {@code ??}, which the driver reads as one {@code ?}. String literals ({@code
 * '...'}, {@code E'...'}), quoted identifiers, dollar-quoted bodies and comments are copied
 * untouched, and only a {@code ;} outside them ends a statement.
 */
final class RawSql {

  /**
   * One statement.
   *
   * @param jdbcSql the statement with JDBC placeholders
   * @param paramIndexes for each {@code ?} in order, the 0-based index of the param it binds
   */
  record Statement(String jdbcSql, List<Integer> paramIndexes) {
    Statement {
      paramIndexes = List.copyOf(paramIndexes);
    }

    /** The highest {@code $n} used, or 0. */
    int maxParam() {
      return paramIndexes.stream().mapToInt(i -> i + 1).max().orElse(0);
    }
  }

  private final String sql;
  private final List<Statement> statements = new ArrayList<>();
  private StringBuilder out = new StringBuilder();
  private List<Integer> indexes = new ArrayList<>();
  private boolean hasCode;
  private int pos;

  private RawSql(String sql) {
    this.sql = sql;
  }

  /**
   * The non-empty statements of {@code sql}; a statement of only comments and spaces is dropped.
   */
  static List<Statement> parse(String sql) {
    RawSql parser = new RawSql(sql);
    parser.run();
    return List.copyOf(parser.statements);
  }

  private void run() {
    while (pos < sql.length()) {
      step();
    }
    endStatement();
  }

  private void step() {
    char c = sql.charAt(pos);
    char next = pos + 1 < sql.length() ? sql.charAt(pos + 1) : '\0';
    if (c == '-' && next == '-') {
      copyUntilLineEnd();
    } else if (c == '/' && next == '*') {
      copyBlockComment();
    } else if (c == '\'') {
      copyString(isEscapeStringPrefix());
    } else if (c == '"') {
      copyQuoted('"');
    } else if (c == '$' && !afterIdentifierChar()) {
      dollar();
    } else if (c == ';') {
      pos++;
      endStatement();
    } else {
      hasCode |= !Character.isWhitespace(c);
      out.append(c == '?' ? "??" : String.valueOf(c));
      pos++;
    }
  }

  private void endStatement() {
    if (hasCode) {
      statements.add(new Statement(out.toString().strip(), indexes));
    }
    out = new StringBuilder();
    indexes = new ArrayList<>();
    hasCode = false;
  }

  private void dollar() {
    int digitsEnd = pos + 1;
    while (digitsEnd < sql.length() && Character.isDigit(sql.charAt(digitsEnd))) {
      digitsEnd++;
    }
    if (digitsEnd > pos + 1) {
      indexes.add(parseIndex(sql.substring(pos + 1, digitsEnd)));
      out.append('?');
      hasCode = true;
      pos = digitsEnd;
      return;
    }
    String tag = dollarTag();
    if (tag == null) {
      out.append('$');
      hasCode = true;
      pos++;
      return;
    }
    int close = sql.indexOf(tag, pos + tag.length());
    int end = close < 0 ? sql.length() : close + tag.length();
    out.append(sql, pos, end);
    hasCode = true;
    pos = end;
  }

  private static int parseIndex(String digits) {
    try {
      return Math.max(Integer.parseInt(digits) - 1, -1);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE - 1; // absurdly large: reported as a missing param
    }
  }

  // $tag$ opens a dollar-quoted string when tag is empty or an identifier not starting with a digit
  private String dollarTag() {
    int i = pos + 1;
    while (i < sql.length() && isTagChar(sql.charAt(i), i == pos + 1)) {
      i++;
    }
    return i < sql.length() && sql.charAt(i) == '$' ? sql.substring(pos, i + 1) : null;
  }

  private static boolean isTagChar(char c, boolean first) {
    return Character.isLetter(c) || c == '_' || (!first && Character.isDigit(c));
  }

  private boolean afterIdentifierChar() {
    if (pos == 0) {
      return false;
    }
    char p = sql.charAt(pos - 1);
    return Character.isLetterOrDigit(p) || p == '_' || p == '$';
  }

  // E'...' (and e'...') strings treat backslash as an escape; standard strings do not
  private boolean isEscapeStringPrefix() {
    if (pos == 0 || Character.toUpperCase(sql.charAt(pos - 1)) != 'E') {
      return false;
    }
    if (pos == 1) {
      return true;
    }
    char before = sql.charAt(pos - 2);
    return !(Character.isLetterOrDigit(before) || before == '_' || before == '$');
  }

  private void copyString(boolean backslashEscapes) {
    int i = pos + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == '\'' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
        i += 2;
      } else if (c == '\'') {
        i++;
        break;
      } else {
        i++;
      }
    }
    copyTo(Math.min(i, sql.length()), true);
  }

  private void copyQuoted(char quote) {
    int i = pos + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        i++;
        break;
      }
      i++;
    }
    copyTo(i, true);
  }

  private void copyUntilLineEnd() {
    int end = sql.indexOf('\n', pos);
    copyTo(end < 0 ? sql.length() : end, false);
  }

  // Block comments nest in PostgreSQL.
  private void copyBlockComment() {
    int depth = 0;
    int i = pos;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          break;
        }
      } else {
        i++;
      }
    }
    copyTo(i, false);
  }

  private void copyTo(int end, boolean code) {
    out.append(sql, pos, end);
    hasCode |= code;
    pos = end;
  }
}
