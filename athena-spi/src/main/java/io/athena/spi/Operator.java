package io.athena.spi;

import java.util.Locale;
import java.util.Optional;

/** The comparison operators of a gateway condition, with their wire names. */
public enum Operator {
  EQ("eq"),
  NEQ("neq"),
  GT("gt"),
  GTE("gte"),
  LT("lt"),
  LTE("lte"),
  LIKE("like"),
  ILIKE("ilike"),
  IS("is"),
  IN("in"),
  CONTAINS("contains"),
  CONTAINED_BY("containedBy");

  private final String wireName;

  Operator(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * Finds an operator by wire name, case-insensitively, also accepting the PostgREST spellings
   * {@code cs}, {@code cd}, {@code ne}, {@code contained_by} and {@code not_eq}.
   */
  public static Optional<Operator> fromWireName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "ne":
      case "not_eq":
      case "neq":
        return Optional.of(NEQ);
      case "cs":
        return Optional.of(CONTAINS);
      case "cd":
      case "contained_by":
      case "containedby":
        return Optional.of(CONTAINED_BY);
      default:
        for (Operator op : values()) {
          if (op.wireName.toLowerCase(Locale.ROOT).equals(n)) {
            return Optional.of(op);
          }
        }
        return Optional.empty();
    }
  }
}
