package io.athena.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed settings out of the parsed YAML tree: expands environment references, applies
 * overrides, and records a problem (then falls back to the default) for every bad value, so that
 * one pass finds them all.
 */
final class ConfigReader {
  /**
   * One scalar setting as configured.
   *
   * @param origin where the text came from when not literally from the file, e.g. "set by
   *     ATHENA_SERVER_PORT"; empty when it did
   */
  record Setting(String path, String text, boolean secret, String origin) {
    String shown() {
      return secret ? Secret.MASK : text;
    }
  }

  private final Problems problems;
  private final EnvExpander expander;
  private final EnvOverrides overrides;
  private final Set<String> environmentSources = new LinkedHashSet<>();

  ConfigReader(Problems problems, EnvExpander expander, EnvOverrides overrides) {
    this.problems = problems;
    this.expander = expander;
    this.overrides = overrides;
  }

  /** Environment variables that set a value directly (overrides, ATHENA_KEY_12), in use order. */
  List<String> environmentSources() {
    return List.copyOf(environmentSources);
  }

  void problem(Setting setting, String reason) {
    String why = setting.origin().isEmpty() ? reason : reason + " (" + setting.origin() + ")";
    problems.add(setting.path(), setting.shown(), why);
  }

  void problem(String path, String shownValue, String reason) {
    problems.add(path, shownValue, reason);
  }

  /**
   * The mapping under {@code key}, checked for unknown keys; an empty mapping when the key is
   * absent or null, and when it is not a mapping (which is reported).
   */
  ObjectNode section(ObjectNode parent, String key, String path, List<String> knownKeys) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!node.isObject()) {
      problems.add(path, kind(node), "must be a mapping with keys " + String.join(", ", knownKeys));
      return JsonNodeFactory.instance.objectNode();
    }
    rejectUnknownKeys((ObjectNode) node, path, knownKeys);
    return (ObjectNode) node;
  }

  /**
   * The mapping under {@code key} whose keys are the host's own names (job families, client names),
   * so they are not checked against a list; empty when the key is absent or null, and when it is
   * not a mapping (which is reported as not being {@code what}).
   */
  ObjectNode namedMapping(ObjectNode parent, String key, String path, String what) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!node.isObject()) {
      problems.add(path, kind(node), "must be " + what);
      return JsonNodeFactory.instance.objectNode();
    }
    return (ObjectNode) node;
  }

  /**
   * Reports each key of {@code node} not in {@code knownKeys}; values are masked, as a typo of a
   * secret key (admn_key) still holds a secret.
   */
  void rejectUnknownKeys(ObjectNode node, String path, List<String> knownKeys) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!knownKeys.contains(name)) {
        String hint =
            NearestName.to(name, knownKeys)
                .map(known -> "did you mean '" + known + "'? ")
                .orElse("");
        problems.add(
            prefix(path) + name,
            Secret.MASK,
            "is not a known key (" + hint + "known keys: " + String.join(", ", knownKeys) + ")");
      }
    }
  }

  /** The setting at {@code path}: an override if one is set, else the file's value, expanded. */
  Optional<Setting> setting(ObjectNode section, String path, String key, boolean secret) {
    String fullPath = prefix(path) + key;
    Optional<EnvOverrides.Override> override = overrides.forPath(fullPath);
    if (override.isPresent()) {
      environmentSources.add(override.get().variable());
      return Optional.of(
          new Setting(
              fullPath, override.get().value(), secret, "set by " + override.get().variable()));
    }
    return scalar(section.get(key), fullPath, secret);
  }

  /** The environment override of {@code path.key}, if one is set: it wins over the file. */
  Optional<Setting> override(String path, String key) {
    String fullPath = prefix(path) + key;
    return overrides
        .forPath(fullPath)
        .map(
            o -> {
              environmentSources.add(o.variable());
              return new Setting(fullPath, o.value(), false, "set by " + o.variable());
            });
  }

  /** A setting taken straight from one environment variable, if it is set and not empty. */
  Optional<Setting> fromEnvironment(String variable, String value, String path, boolean secret) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    environmentSources.add(variable);
    return Optional.of(new Setting(path, value, secret, "set by " + variable));
  }

  /** The scalar {@code node} as text with references expanded; empty if absent, null or bad. */
  Optional<Setting> scalar(JsonNode node, String path, boolean secret) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isValueNode()) {
      problems.add(path, kind(node), "must be a single value");
      return Optional.empty();
    }
    String raw = node.asText();
    if (!node.isTextual() && secret) {
      // YAML already turned it into a number or boolean (0x1F → 31, 1e3 → 1000.0): the text we
      // would use is not what was written, and for a key or URI that is never what was meant.
      problems.add(path, Secret.MASK, "must be quoted: YAML reads it as " + kind(node));
      return Optional.empty();
    }
    if (!node.isTextual()) {
      return Optional.of(new Setting(path, raw, secret, ""));
    }
    EnvExpander.Expansion expansion = expander.expand(raw);
    Setting asWritten = new Setting(path, raw, secret, "");
    if (expansion.malformed()) {
      problem(asWritten, "has a malformed reference; write " + EnvExpander.SYNTAX);
      return Optional.empty();
    }
    if (!expansion.unset().isEmpty()) {
      problem(asWritten, unsetReason(expansion.unset()));
      return Optional.empty();
    }
    boolean expanded = !expansion.value().equals(raw);
    String origin = expanded && !secret ? "expanded from '" + raw + "'" : "";
    return Optional.of(new Setting(path, expansion.value(), secret, origin));
  }

  /** A text setting, or {@code fallback} when absent or when {@code rule} reports a violation. */
  String text(
      ObjectNode section,
      String path,
      String key,
      String fallback,
      Function<String, Optional<String>> rule) {
    Optional<Setting> setting = setting(section, path, key, false);
    if (setting.isEmpty()) {
      return fallback;
    }
    Optional<String> violation = rule.apply(setting.get().text());
    violation.ifPresent(reason -> problem(setting.get(), reason));
    return violation.isPresent() ? fallback : setting.get().text();
  }

  /** An integer setting within {@code [min, max]}, or {@code fallback}. */
  long integer(ObjectNode section, String path, String key, long fallback, long min, long max) {
    Optional<Setting> setting = setting(section, path, key, false);
    if (setting.isEmpty()) {
      return fallback;
    }
    BigInteger value;
    try {
      value = new BigInteger(setting.get().text().strip());
    } catch (NumberFormatException e) {
      problem(setting.get(), "must be an integer between " + min + " and " + max);
      return fallback;
    }
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      problem(setting.get(), "must be between " + min + " and " + max);
      return fallback;
    }
    return value.longValueExact();
  }

  /** A setting written {@code true} or {@code false}; empty (and a problem) otherwise. */
  Optional<Boolean> bool(ObjectNode section, String path, String key) {
    Optional<Setting> setting = setting(section, path, key, false);
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    String text = setting.get().text().strip().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return Optional.of(Boolean.parseBoolean(text));
    }
    problem(setting.get(), "must be true or false");
    return Optional.empty();
  }

  /** A duration setting within {@code [min, max]}, or {@code fallback}. */
  Duration duration(
      ObjectNode section, String path, String key, Duration fallback, Duration min, Duration max) {
    Optional<Setting> setting = setting(section, path, key, false);
    if (setting.isEmpty()) {
      return fallback;
    }
    Optional<Duration> value = Durations.parse(setting.get().text());
    String range = "between " + Durations.format(min) + " and " + Durations.format(max);
    if (value.isEmpty()) {
      problem(setting.get(), "must be " + Durations.NOTATION + ", " + range);
      return fallback;
    }
    if (value.get().compareTo(min) < 0 || value.get().compareTo(max) > 0) {
      problem(setting.get(), "must be " + range);
      return fallback;
    }
    return value.get();
  }

  /** How a non-scalar or misplaced node is shown: by kind, never by content. */
  static String kind(JsonNode node) {
    if (node.isObject()) {
      return "<mapping>";
    }
    if (node.isArray()) {
      return "<list>";
    }
    if (node.isNumber()) {
      return "<number>";
    }
    if (node.isBoolean()) {
      return "<boolean>";
    }
    return node.isNull() ? "null" : "<text>";
  }

  private static String unsetReason(List<String> names) {
    String example = "${" + names.get(0) + ":-default}";
    return names.size() == 1
        ? "refers to the unset environment variable "
            + names.get(0)
            + " (set it, or write "
            + example
            + ")"
        : "refers to the unset environment variables "
            + String.join(", ", names)
            + " (set them, or write "
            + example
            + ")";
  }

  private static String prefix(String path) {
    return path.isEmpty() ? "" : path + ".";
  }

  /** An enum setting written as its lower-case name; a problem listing the choices otherwise. */
  <E extends Enum<E>> Optional<E> choice(
      ObjectNode section, String path, String key, Class<E> type) {
    Optional<ConfigReader.Setting> setting = setting(section, path, key, false);
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    String text = setting.get().text().strip();
    for (E value : type.getEnumConstants()) {
      if (wireName(value).equals(text)) {
        return Optional.of(value);
      }
    }
    problem(
        setting.get(),
        "must be one of "
            + String.join(
                ", ", Arrays.stream(type.getEnumConstants()).map(ConfigReader::wireName).toList()));
    return Optional.empty();
  }

  /** {@code FAIL_CLOSED} → {@code fail_closed}: how enum values are written in YAML. */
  static String wireName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
