package io.athena.core.auth;

import io.athena.spi.GatewayOperation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rights a key may hold and what each grants. Table operations need {@code <table>.read}
 * (fetch), {@code <table>.write} (insert, update) or {@code <table>.delete}; raw SQL needs {@code
 * gateway.query}. {@code <table>.*} grants every action on one table, {@code *.<action>} and {@code
 * gateway.<action>} one action on every table, {@code gateway.*} and {@code *} everything. Table
 * names are matched exactly, without their schema.
 */
public final class Rights {
  /** The most rights one key may hold. */
  public static final int MAX_RIGHTS = 100;

  static final String QUERY = "gateway.query";
  private static final String ALL = "*";
  private static final Pattern RIGHT =
      Pattern.compile("(\\*|[A-Za-z_][A-Za-z0-9_$]{0,62})\\.(read|write|delete|\\*)");

  private Rights() {}

  /** What each form of right grants, for {@code GET /admin/api-key-rights}. */
  public static Map<String, String> catalog() {
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("<table>.read", "fetch rows of <table>");
    forms.put("<table>.write", "insert and update rows of <table>");
    forms.put("<table>.delete", "delete rows of <table>");
    forms.put("<table>.*", "every action on <table>");
    forms.put("*.read", "fetch rows of every table (also *.write, *.delete)");
    forms.put("gateway.read", "fetch rows of every table (also gateway.write, gateway.delete)");
    forms.put(QUERY, "run raw SQL through /gateway/query");
    forms.put("gateway.*", "every gateway right, raw SQL included");
    forms.put(ALL, "every right");
    return forms;
  }

  /** Why {@code right} is not a valid right, or empty when it is. */
  public static Optional<String> problem(String right) {
    if (right.equals(ALL) || right.equals(QUERY) || RIGHT.matcher(right).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "is not a right; use <table>.read|write|delete|*, *.read|write|delete,"
            + " gateway.read|write|delete|query|*, or *");
  }

  /** The right {@code op} needs, such as {@code users.read} or {@code gateway.query}. */
  public static String needed(GatewayOperation op) {
    return switch (op.kind()) {
      case QUERY -> QUERY;
      case FETCH -> op.table().name() + ".read";
      case INSERT, UPDATE -> op.table().name() + ".write";
      case DELETE -> op.table().name() + ".delete";
    };
  }

  /** Whether the rights {@code held} grant {@code needed}. */
  public static boolean grants(Collection<String> held, String needed) {
    if (held.contains(ALL) || held.contains("gateway.*") || held.contains(needed)) {
      return true;
    }
    if (needed.equals(QUERY)) {
      return false;
    }
    int dot = needed.lastIndexOf('.');
    String table = needed.substring(0, dot);
    String action = needed.substring(dot + 1);
    return held.contains(table + ".*")
        || held.contains("*." + action)
        || held.contains("*.*")
        || held.contains("gateway." + action);
  }
}
