package io.athena.core.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration notation of the configuration file: {@code 250ms}, {@code 5s}, {@code 2m}, {@code
 * 1h}, or a plain integer meaning milliseconds.
 */
final class Durations {
  static final String NOTATION = "a duration such as 250ms, 5s, 2m, 1h or a plain number of ms";

  // 12 digits keep every unit far from long overflow; larger values fail the range check anyway.
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)?");

  private Durations() {}

  /** The duration written as {@code text}, or empty when it is not in the notation. */
  static Optional<Duration> parse(String text) {
    Matcher matcher = DURATION.matcher(text.strip());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
    return Optional.of(
        switch (unit) {
          case "h" -> Duration.ofHours(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "s" -> Duration.ofSeconds(amount);
          default -> Duration.ofMillis(amount);
        });
  }

  /** Writes {@code duration} in the same notation, with the largest unit that is exact. */
  static String format(Duration duration) {
    if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0) {
      return duration.toString();
    }
    long millis = duration.toMillis();
    if (millis != 0 && millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis != 0 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis != 0 && millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}
