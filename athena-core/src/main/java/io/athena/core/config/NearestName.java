package io.athena.core.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known name a typo most likely meant, for "did you mean" hints. */
final class NearestName {
  private static final int MAX_EDITS = 2;

  private NearestName() {}

  /** The known name within two edits of {@code typed} (case ignored), the closest first. */
  static Optional<String> to(String typed, Collection<String> known) {
    String best = null;
    int bestDistance = MAX_EDITS + 1;
    for (String candidate : known) {
      int distance = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
