package io.athena.core.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every configuration problem so that one {@link ConfigException} can list them all. */
final class Problems {
  private static final int MAX_SHOWN_CHARS = 80;

  private final List<String> lines = new ArrayList<>();

  /** Records {@code <path> was '<value>' but <reason>}; the value is shortened when long. */
  void add(String path, String shownValue, String reason) {
    lines.add(path + " was '" + shorten(shownValue) + "' but " + reason);
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  void throwIfAny(String source) {
    if (!lines.isEmpty()) {
      throw new ConfigException(source, lines);
    }
  }

  private static String shorten(String value) {
    if (value.length() <= MAX_SHOWN_CHARS) {
      return value;
    }
    return value.substring(0, MAX_SHOWN_CHARS) + "...";
  }
}
