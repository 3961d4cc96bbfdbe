package io.athena.core.config;

import static io.athena.core.config.ConfigKeys.ADDRESS;
import static io.athena.core.config.ConfigKeys.CACHE;
import static io.athena.core.config.ConfigKeys.ENABLED;
import static io.athena.core.config.ConfigKeys.KEY_PREFIX;
import static io.athena.core.config.ConfigKeys.MAX_CACHE_TTL;
import static io.athena.core.config.ConfigKeys.MAX_DURATION;
import static io.athena.core.config.ConfigKeys.MAX_ENTRIES;
import static io.athena.core.config.ConfigKeys.MAX_ENTRY_BYTES;
import static io.athena.core.config.ConfigKeys.MAX_REDIS_TIMEOUT;
import static io.athena.core.config.ConfigKeys.PASSWORD;
import static io.athena.core.config.ConfigKeys.REDIS;
import static io.athena.core.config.ConfigKeys.SHARED_FAILURE_THRESHOLD;
import static io.athena.core.config.ConfigKeys.SHARED_LAPSE_GRACE;
import static io.athena.core.config.ConfigKeys.SHARED_LEASE;
import static io.athena.core.config.ConfigKeys.SHARED_RETRY_AFTER;
import static io.athena.core.config.ConfigKeys.TIMEOUT;
import static io.athena.core.config.ConfigKeys.TTL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** Binds the {@code cache} section, {@code cache.redis} included. */
final class CacheBinder {
  /** {@code redis://[user:password@]host:port}, or {@code rediss://} for TLS. */
  static final Pattern REDIS_ADDRESS =
      Pattern.compile("rediss?://([^@/\\s]*@)?(\\[[0-9A-Fa-f:.]+\\]|[^:/\\s@\\[\\]]+):\\d{1,5}");

  private static final Pattern KEY_PREFIX_TEXT = Pattern.compile("[^\\s{}]{1,64}");

  private final ConfigReader reader;

  CacheBinder(ConfigReader reader) {
    this.reader = reader;
  }

  CacheConfig bind(ObjectNode section) {
    CacheConfig d = CacheConfig.defaults();
    return new CacheConfig(
        reader.bool(section, CACHE, ENABLED).orElse(d.enabled()),
        reader.duration(section, CACHE, TTL, d.ttl(), Duration.ofMillis(1), MAX_CACHE_TTL),
        reader.integer(section, CACHE, MAX_ENTRIES, d.maxEntries(), 1, 100_000_000),
        reader.integer(section, CACHE, MAX_ENTRY_BYTES, d.maxEntryBytes(), 1, Integer.MAX_VALUE),
        (int)
            reader.integer(
                section, CACHE, SHARED_FAILURE_THRESHOLD, d.sharedFailureThreshold(), 1, 1000),
        reader.duration(
            section, CACHE, SHARED_RETRY_AFTER, d.sharedRetryAfter(), Duration.ZERO, MAX_DURATION),
        reader.duration(
            section,
            CACHE,
            SHARED_LEASE,
            d.sharedLease(),
            Duration.ofMillis(100),
            Duration.ofMinutes(5)),
        reader.duration(
            section, CACHE, SHARED_LAPSE_GRACE, d.sharedLapseGrace(), Duration.ZERO, MAX_CACHE_TTL),
        redis(reader.section(section, REDIS, CACHE + "." + REDIS, ConfigKeys.REDIS_KEYS)));
  }

  private RedisConfig redis(ObjectNode section) {
    String path = CACHE + "." + REDIS;
    RedisConfig d = RedisConfig.none();
    return new RedisConfig(
        address(section, path),
        reader.duration(
            section, path, TIMEOUT, d.timeout(), Duration.ofMillis(1), MAX_REDIS_TIMEOUT),
        reader
            .setting(section, path, PASSWORD, true)
            .filter(configured -> !configured.text().isEmpty())
            .map(configured -> Secret.of(configured.text())),
        reader.text(section, path, KEY_PREFIX, d.keyPrefix(), CacheBinder::keyPrefix));
  }

  /** The address; an empty one counts as none, so {@code ${REDIS_URL:-}} means optional. */
  private Optional<String> address(ObjectNode section, String path) {
    // secret: an address may carry a password (redis://:pw@host:6379); describe() masks it
    Optional<ConfigReader.Setting> setting =
        reader.setting(section, path, ADDRESS, true).filter(s -> !s.text().isBlank());
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    String address = setting.get().text().strip();
    if (!REDIS_ADDRESS.matcher(address).matches()) {
      reader.problem(
          path + "." + ADDRESS,
          Uris.maskPassword(address),
          "must be redis://host:port or rediss://host:port");
      return Optional.empty();
    }
    return Optional.of(address);
  }

  private static Optional<String> keyPrefix(String prefix) {
    return KEY_PREFIX_TEXT.matcher(prefix).matches()
        ? Optional.empty()
        : Optional.of("must be 1 to 64 characters without whitespace or braces");
  }
}
