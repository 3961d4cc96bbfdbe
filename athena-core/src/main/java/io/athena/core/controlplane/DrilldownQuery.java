package io.athena.core.controlplane;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.telemetry.RequestLogQuery;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The drilldown's query parameters, each checked with a message that names it. */
final class DrilldownQuery {
  /** Rows of a drilldown without {@code limit}. */
  static final int DEFAULT_LIMIT = 50;

  static final int MAX_LIMIT = 1000;

  /** Deeper pages cost the database a scan of every skipped row; narrow the filters instead. */
  static final int MAX_OFFSET = 100_000;

  private static final int MAX_FILTER_LENGTH = 128;

  private DrilldownQuery() {}

  static RequestLogQuery parse(String client, Function<String, Optional<String>> param) {
    return new RequestLogQuery(
        client,
        filter(param, "table_name"),
        filter(param, "operation"),
        status(param.apply("status")),
        number(param.apply("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        number(param.apply("offset"), "offset", 0, 0, MAX_OFFSET));
  }

  private static String filter(Function<String, Optional<String>> param, String name) {
    Optional<String> value = param.apply(name).filter(v -> !v.isBlank());
    if (value.isPresent() && value.get().length() > MAX_FILTER_LENGTH) {
      throw invalid(
          name
              + " was '"
              + printable(value.get())
              + "' but must be at most "
              + MAX_FILTER_LENGTH
              + " characters");
    }
    return value.orElse(null);
  }

  private static RequestLogQuery.Status status(Optional<String> text) {
    if (text.isEmpty() || text.get().isBlank()) {
      return RequestLogQuery.Status.ALL;
    }
    return switch (text.get().strip().toLowerCase(Locale.ROOT)) {
      case "all" -> RequestLogQuery.Status.ALL;
      case "errors" -> RequestLogQuery.Status.ERRORS;
      case "normal" -> RequestLogQuery.Status.NORMAL;
      default ->
          throw invalid(
              "status was '" + printable(text.get()) + "' but must be all, errors or normal");
    };
  }

  private static int number(Optional<String> text, String name, int fallback, int min, int max) {
    if (text.isEmpty() || text.get().isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.get().strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // one message below
    }
    throw invalid(
        name
            + " was '"
            + printable(text.get())
            + "' but must be a whole number "
            + min
            + ".."
            + max);
  }

  private static GatewayException invalid(String message) {
    return new GatewayException(ErrorCode.INVALID_REQUEST, message);
  }

  /** Caller text echoed in messages is cut short and stripped of control characters. */
  static String printable(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
