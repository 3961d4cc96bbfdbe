package io.athena.postgres.internal.migrations;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PostgreSQL schema name that Athena's stores splice into their statements: checked once against
 * a plain-identifier grammar, then always emitted double-quoted.
 *
 * @param name the name as configured (unquoted)
 */
public record SchemaName(String name) {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

  /**
   * @throws IllegalArgumentException unless {@code name} is 1-63 ASCII letters, digits, {@code _}
   *     or {@code $}, not starting with a digit or {@code $}
   */
  public SchemaName {
    Objects.requireNonNull(name, "schema");
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "schema was '"
              + name
              + "' but must be 1-63 ASCII letters, digits, '_' or '$', not starting with a digit");
    }
  }

  /** The name, double-quoted for SQL. */
  public String quoted() {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code "schema".table}, for a table name that is a constant of the code. */
  public String table(String table) {
    return quoted() + "." + table;
  }
}
