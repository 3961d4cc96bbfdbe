package io.athena.postgres.internal;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.util.regex.Pattern;

/**
 * A schema, table or column name that passed the identifier grammar. The grammar is stricter than
 * PostgreSQL's (no spaces, quotes or non-ASCII letters) so that a name which reaches SQL can never
 * carry anything but a name; it is still checked against the catalog and always emitted quoted, so
 * that {@code "Order"} and {@code "order"} stay distinct and reserved words work.
 */
record SqlIdentifier(String name) {

  /** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated by the server. */
  public static final int MAX_LENGTH = 63;

  private static final Pattern GRAMMAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

  public SqlIdentifier {
    if (!isValid(name)) {
      throw invalid("identifier", name);
    }
  }

  /** Checks {@code name} against the grammar; {@code what} names its role in the message. */
  public static SqlIdentifier of(String what, String name) {
    if (!isValid(name)) {
      throw invalid(what, name);
    }
    return new SqlIdentifier(name);
  }

  /** True when {@code name} matches the identifier grammar. */
  public static boolean isValid(String name) {
    return name != null && GRAMMAR.matcher(name).matches();
  }

  /** Double-quotes {@code name} after checking it against the grammar. */
  public static String quote(String what, String name) {
    return of(what, name).quoted();
  }

  /** The name in double quotes; the grammar admits no quote characters, so none need escaping. */
  public String quoted() {
    return '"' + name + '"';
  }

  @Override
  public String toString() {
    return name;
  }

  private static GatewayException invalid(String what, String name) {
    String shown = name == null ? "null" : abbreviate(name);
    return new GatewayException(
        ErrorCode.INVALID_IDENTIFIER,
        "Invalid "
            + what
            + " '"
            + shown
            + "': use 1-63 letters, digits, '_' or '$', not starting with a digit");
  }

  // Keep hostile input from bloating messages and logs.
  private static String abbreviate(String name) {
    String printable = name.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
  }
}
