package io.athena.core.gateway;

import io.athena.core.gateway.PostProcessing.Granularity;
import io.athena.core.gateway.PostProcessing.Strategy;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code group_by}, {@code time_granularity}, {@code aggregation_column}, {@code
 * aggregation_strategy} and {@code aggregation_dedup} into a {@link PostProcessing}, refusing
 * combinations that cannot mean anything (an aggregation without a group, a sum without a column).
 */
final class PostProcessingParser {
  private static final List<String> FIELDS =
      List.of(
          "group_by",
          "time_granularity",
          "aggregation_column",
          "aggregation_strategy",
          "aggregation_dedup");

  private PostProcessingParser() {}

  /** The post-processing asked for, or empty when none of its fields is sent. */
  static Optional<PostProcessing> parse(Fields body) {
    Optional<String> asked = FIELDS.stream().filter(body::has).findFirst();
    if (asked.isEmpty()) {
      return Optional.empty();
    }
    String groupBy =
        body.string("group_by")
            .orElseThrow(() -> Fields.invalid(asked.get() + " needs group_by (a column)"));
    Granularity granularity =
        body.string("time_granularity").map(PostProcessingParser::granularity).orElse(null);
    Optional<String> column = body.string("aggregation_column");
    Strategy strategy =
        body.string("aggregation_strategy").map(PostProcessingParser::strategy).orElse(null);
    if (column.isPresent() && strategy == null) {
      throw Fields.invalid(
          "aggregation_column needs aggregation_strategy (one of " + Strategy.allowed() + ")");
    }
    if (strategy != null && strategy != Strategy.COUNT && column.isEmpty()) {
      throw Fields.invalid("aggregation_strategy " + wire(strategy) + " needs aggregation_column");
    }
    boolean dedup = body.bool("aggregation_dedup").orElse(false);
    return Optional.of(
        new PostProcessing(groupBy, granularity, column.orElse(null), strategy, dedup));
  }

  private static Granularity granularity(String name) {
    return Granularity.fromWireName(name)
        .orElseThrow(
            () ->
                Fields.invalid(
                    "time_granularity must be one of "
                        + Granularity.allowed()
                        + ", not '"
                        + FilterStringParser.printable(name)
                        + "'"));
  }

  private static Strategy strategy(String name) {
    return Strategy.fromWireName(name)
        .orElseThrow(
            () ->
                Fields.invalid(
                    "aggregation_strategy must be one of "
                        + Strategy.allowed()
                        + ", not '"
                        + FilterStringParser.printable(name)
                        + "'"));
  }

  private static String wire(Strategy strategy) {
    return strategy.name().toLowerCase(Locale.ROOT);
  }
}
