package io.athena.core.gateway;

import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a fetch asks to be done with its rows after they are read: group them by one column
 * (optionally truncating timestamps to a granularity) and aggregate one column per group.
 *
 * @param groupBy the column whose values label the groups
 * @param granularity truncate the group value (an ISO timestamp) to this unit in UTC, or {@code
 *     null}
 * @param aggregationColumn the column aggregated per group, or {@code null} (only for {@code
 *     count}, which then counts rows)
 * @param strategy the aggregation, or {@code null} for grouping only
 * @param dedup aggregate distinct values only
 */
record PostProcessing(
    String groupBy,
    Granularity granularity,
    String aggregationColumn,
    Strategy strategy,
    boolean dedup) {

  /** {@code time_granularity}. */
  enum Granularity {
    DAY(ChronoUnit.DAYS),
    HOUR(ChronoUnit.HOURS),
    MINUTE(ChronoUnit.MINUTES);

    final ChronoUnit unit;

    Granularity(ChronoUnit unit) {
      this.unit = unit;
    }

    static Optional<Granularity> fromWireName(String name) {
      return WireNames.find(values(), name);
    }

    static String allowed() {
      return WireNames.list(values());
    }
  }

  /** {@code aggregation_strategy}. */
  enum Strategy {
    CUMULATIVE_SUM,
    SUM,
    COUNT,
    AVG,
    MIN,
    MAX;

    static Optional<Strategy> fromWireName(String name) {
      return WireNames.find(values(), name);
    }

    static String allowed() {
      return WireNames.list(values());
    }
  }

  /** Enum constants on the wire: their lower-case names. */
  private static final class WireNames {
    static <E extends Enum<E>> Optional<E> find(E[] values, String name) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      return Arrays.stream(values).filter(v -> wire(v).equals(wanted)).findFirst();
    }

    static <E extends Enum<E>> String list(E[] values) {
      return Arrays.stream(values).map(WireNames::wire).collect(Collectors.joining(", "));
    }

    static String wire(Enum<?> value) {
      return value.name().toLowerCase(Locale.ROOT);
    }
  }
}
