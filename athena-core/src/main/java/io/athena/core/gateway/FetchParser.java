package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.spi.CountMode;
import io.athena.spi.FetchRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads a {@code /gateway/fetch} body; each part is read by the parser of its concern. */
final class FetchParser {
  private static final String COUNT_MODES =
      Arrays.stream(CountMode.values())
          .map(m -> m.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", "));

  private FetchParser() {}

  /**
   * A parsed fetch.
   *
   * @param postProcessing the grouping asked for, or {@code null}
   */
  record FetchCall(FetchRequest request, PostProcessing postProcessing) {}

  static FetchCall parse(Fields body, String defaultSchema) {
    return parse(body, defaultSchema, GatewayLimits.DEFAULTS);
  }

  static FetchCall parse(Fields body, String defaultSchema, GatewayLimits limits) {
    PagingParser.Paging paging = PagingParser.parse(body);
    // the SDK's head: count only, no rows
    Long limit = body.bool("head").orElse(false) ? Long.valueOf(0) : paging.limit();
    FetchRequest request =
        new FetchRequest(
            TableParser.tableOrView(body, defaultSchema),
            ColumnListParser.projection(body),
            ConditionParser.parse(body, limits),
            SortParser.parse(body),
            limit,
            paging.offset(),
            count(body));
    return new FetchCall(request, PostProcessingParser.parse(body).orElse(null));
  }

  /** {@code count}: a mode name, or {@code true} for exact; {@code null} when not asked. */
  static CountMode count(Fields body) {
    JsonNode node = body.get("count");
    if (node == null || (node.isBoolean() && !node.booleanValue())) {
      return null;
    }
    if (node.isBoolean()) {
      return CountMode.EXACT;
    }
    String name = node.isTextual() ? node.asText().trim().toLowerCase(Locale.ROOT) : "";
    return Arrays.stream(CountMode.values())
        .filter(mode -> mode.name().toLowerCase(Locale.ROOT).equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                Fields.invalid(
                    "count must be one of "
                        + COUNT_MODES
                        + " (or true), not "
                        + FilterStringParser.printable(node.toString())));
  }
}
