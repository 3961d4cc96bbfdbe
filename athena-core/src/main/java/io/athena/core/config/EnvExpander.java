package io.athena.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands <code>${NAME}</code> and <code>${NAME:-default}</code> in configuration strings; the
 * default applies when the variable is unset or empty. <code>$${</code> stands for a literal <code>
 * ${</code>. Values taken from the environment are used as they are, never expanded again.
 */
final class EnvExpander {
  static final String SYNTAX = "${NAME} or ${NAME:-default}, NAME = [A-Za-z_][A-Za-z0-9_]*";

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> env;

  EnvExpander(Map<String, String> env) {
    this.env = env;
  }

  /**
   * The outcome of one expansion.
   *
   * @param value the expanded text; meaningful only when {@link #ok()}
   * @param unset names referenced without a default and absent from the environment
   * @param malformed true when a reference does not follow {@link #SYNTAX}
   */
  record Expansion(String value, List<String> unset, boolean malformed) {
    boolean ok() {
      return unset.isEmpty() && !malformed;
    }
  }

  Expansion expand(String text) {
    StringBuilder out = new StringBuilder(text.length());
    List<String> unset = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0 || !resolve(text.substring(i + 2, close), out, unset)) {
          return new Expansion(text, List.copyOf(unset), true);
        }
        i = close + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return new Expansion(out.toString(), List.copyOf(unset), false);
  }

  /** Appends the value of one reference; false when the reference is malformed. */
  private boolean resolve(String reference, StringBuilder out, List<String> unset) {
    int split = reference.indexOf(":-");
    String name = split < 0 ? reference : reference.substring(0, split);
    if (!NAME.matcher(name).matches()) {
      return false;
    }
    String value = env.get(name);
    if (split >= 0 && (value == null || value.isEmpty())) {
      out.append(reference, split + 2, reference.length());
    } else if (value == null) {
      unset.add(name);
    } else {
      out.append(value);
    }
    return true;
  }
}
