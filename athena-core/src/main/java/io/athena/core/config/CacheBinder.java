package io.athena.core.config;

import static io.athena.core.config.ConfigKeys.CACHE;
import static io.athena.core.config.ConfigKeys.ENABLED;
import static io.athena.core.config.ConfigKeys.MAX_CACHE_TTL;
import static io.athena.core.config.ConfigKeys.MAX_ENTRIES;
import static io.athena.core.config.ConfigKeys.MAX_ENTRY_BYTES;
import static io.athena.core.config.ConfigKeys.SHARED_FAILURE_THRESHOLD;
import static io.athena.core.config.ConfigKeys.SHARED_RETRY_AFTER;
import static io.athena.core.config.ConfigKeys.TTL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Binds the {@code cache} section. */
final class CacheBinder {
  private final ConfigReader reader;

  CacheBinder(ConfigReader reader) {
    this.reader = reader;
  }

  CacheConfig bind(ObjectNode section) {
    CacheConfig d = CacheConfig.defaults();
    return new CacheConfig(
        enabled(section).orElse(d.enabled()),
        reader.duration(section, CACHE, TTL, d.ttl(), Duration.ofMillis(1), MAX_CACHE_TTL),
        reader.integer(section, CACHE, MAX_ENTRIES, d.maxEntries(), 1, 100_000_000),
        reader.integer(section, CACHE, MAX_ENTRY_BYTES, d.maxEntryBytes(), 1, Integer.MAX_VALUE),
        (int)
            reader.integer(
                section, CACHE, SHARED_FAILURE_THRESHOLD, d.sharedFailureThreshold(), 1, 1000),
        reader.duration(
            section,
            CACHE,
            SHARED_RETRY_AFTER,
            d.sharedRetryAfter(),
            Duration.ZERO,
            ConfigKeys.MAX_DURATION));
  }

  private Optional<Boolean> enabled(ObjectNode section) {
    Optional<ConfigReader.Setting> setting = reader.setting(section, CACHE, ENABLED, false);
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    String text = setting.get().text().strip().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return Optional.of(Boolean.parseBoolean(text));
    }
    reader.problem(setting.get(), "must be true or false");
    return Optional.empty();
  }
}
