package io.athena.core.config;

import static io.athena.core.config.ConfigKeys.HEALTH;
import static io.athena.core.config.ConfigKeys.MAX_MIRRORS;
import static io.athena.core.config.ConfigKeys.MAX_PROBE_DURATION;
import static io.athena.core.config.ConfigKeys.MIN_PROBE_DURATION;
import static io.athena.core.config.ConfigKeys.MIRRORS;
import static io.athena.core.config.ConfigKeys.PROBE_INTERVAL;
import static io.athena.core.config.ConfigKeys.PROBE_TIMEOUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Binds the {@code health} section. {@code mirrors} is a list of base URLs, or one string of
 * comma-separated URLs (the form {@code ATHENA_HEALTH_MIRRORS} takes).
 */
final class HealthBinder {
  private final ConfigReader reader;

  HealthBinder(ConfigReader reader) {
    this.reader = reader;
  }

  HealthConfig bind(ObjectNode section) {
    HealthConfig d = HealthConfig.defaults();
    return new HealthConfig(
        reader.duration(
            section,
            HEALTH,
            PROBE_INTERVAL,
            d.probeInterval(),
            MIN_PROBE_DURATION,
            MAX_PROBE_DURATION),
        reader.duration(
            section,
            HEALTH,
            PROBE_TIMEOUT,
            d.probeTimeout(),
            MIN_PROBE_DURATION,
            MAX_PROBE_DURATION),
        mirrors(section));
  }

  private List<URI> mirrors(ObjectNode section) {
    List<ConfigReader.Setting> settings = mirrorSettings(section);
    List<URI> mirrors = new ArrayList<>();
    for (ConfigReader.Setting setting : settings) {
      mirror(setting)
          .ifPresent(
              url -> {
                if (mirrors.contains(url)) {
                  reader.problem(shown(setting), "is listed twice");
                } else {
                  mirrors.add(url);
                }
              });
    }
    if (mirrors.size() > MAX_MIRRORS) {
      reader.problem(
          HEALTH + "." + MIRRORS,
          "<" + mirrors.size() + " URLs>",
          "must list at most " + MAX_MIRRORS + " mirrors");
      return List.of();
    }
    return mirrors;
  }

  /** One setting per URL: from the override, a list, or a comma-separated string. */
  private List<ConfigReader.Setting> mirrorSettings(ObjectNode section) {
    String path = HEALTH + "." + MIRRORS;
    Optional<ConfigReader.Setting> override = reader.override(HEALTH, MIRRORS);
    if (override.isPresent()) {
      return split(override.get());
    }
    JsonNode node = section.get(MIRRORS);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      return reader.scalar(node, path, false).map(HealthBinder::split).orElse(List.of());
    }
    List<ConfigReader.Setting> settings = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      reader.scalar(node.get(i), path + "[" + i + "]", false).ifPresent(settings::add);
    }
    return settings;
  }

  private static List<ConfigReader.Setting> split(ConfigReader.Setting setting) {
    List<ConfigReader.Setting> parts = new ArrayList<>();
    for (String part : setting.text().split(",")) {
      if (!part.isBlank()) {
        parts.add(new ConfigReader.Setting(setting.path(), part.strip(), false, setting.origin()));
      }
    }
    return parts;
  }

  /** An absolute http(s) URL with a host, no credentials, query or fragment; trailing / dropped. */
  private Optional<URI> mirror(ConfigReader.Setting setting) {
    URI url;
    try {
      url = new URI(setting.text().strip());
    } catch (URISyntaxException e) {
      reader.problem(shown(setting), "must be an http or https URL such as http://athena-2:4052");
      return Optional.empty();
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    Optional<String> violation =
        !scheme.equals("http") && !scheme.equals("https")
            ? Optional.of("must be an http or https URL such as http://athena-2:4052")
            : url.getHost() == null
                ? Optional.of("must name a host")
                : url.getRawUserInfo() != null
                    ? Optional.of("must not carry credentials (mirrors are probed on /ping)")
                    : url.getRawQuery() != null || url.getRawFragment() != null
                        ? Optional.of("must be a base URL without query or fragment")
                        : Optional.empty();
    if (violation.isPresent()) {
      reader.problem(shown(setting), violation.get());
      return Optional.empty();
    }
    String text = url.toString();
    return Optional.of(
        URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text));
  }

  /** A URL as it may appear in a problem: with any password masked. */
  private static ConfigReader.Setting shown(ConfigReader.Setting setting) {
    return new ConfigReader.Setting(
        setting.path(), Uris.maskPassword(setting.text()), false, setting.origin());
  }
}
