package io.athena.core.config;

import static io.athena.core.config.ConfigKeys.CLIENTS;
import static io.athena.core.config.ConfigKeys.ENFORCE_API_KEYS;
import static io.athena.core.config.ConfigKeys.KEY_CACHE_TTL;
import static io.athena.core.config.ConfigKeys.KEY_STORE_FAILURE;
import static io.athena.core.config.ConfigKeys.MAX_CONDITIONS;
import static io.athena.core.config.ConfigKeys.MAX_CONDITIONS_LIMIT;
import static io.athena.core.config.ConfigKeys.MAX_CONDITION_DEPTH;
import static io.athena.core.config.ConfigKeys.MAX_CONDITION_DEPTH_LIMIT;
import static io.athena.core.config.ConfigKeys.MAX_DURATION;
import static io.athena.core.config.ConfigKeys.MAX_INSERT_ROWS;
import static io.athena.core.config.ConfigKeys.MAX_KEY_CACHE_TTL;
import static io.athena.core.config.ConfigKeys.MAX_LIMIT;
import static io.athena.core.config.ConfigKeys.RATE_LIMIT_BURST;
import static io.athena.core.config.ConfigKeys.RATE_LIMIT_PER_SECOND;
import static io.athena.core.config.ConfigKeys.RAW_SQL;
import static io.athena.core.config.ConfigKeys.REQUEST_TIMEOUT;
import static io.athena.core.config.ConfigKeys.SECURITY;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code security} section: key enforcement, limits, raw SQL and rate limiting. */
final class SecurityBinder {
  private final ConfigReader reader;

  SecurityBinder(ConfigReader reader) {
    this.reader = reader;
  }

  SecurityConfig bind(ObjectNode section) {
    SecurityConfig d = SecurityConfig.defaults();
    return new SecurityConfig(
        bool(section, SECURITY, ENFORCE_API_KEYS).orElse(d.enforceApiKeys()),
        reader
            .choice(section, SECURITY, KEY_STORE_FAILURE, KeyStoreFailure.class)
            .orElse(d.keyStoreFailure()),
        reader.duration(
            section, SECURITY, KEY_CACHE_TTL, d.keyCacheTtl(), Duration.ZERO, MAX_KEY_CACHE_TTL),
        reader.integer(section, SECURITY, MAX_LIMIT, d.maxLimit(), 1, Integer.MAX_VALUE),
        (int) reader.integer(section, SECURITY, MAX_INSERT_ROWS, d.maxInsertRows(), 1, 1_000_000),
        (int)
            reader.integer(
                section, SECURITY, MAX_CONDITIONS, d.maxConditions(), 1, MAX_CONDITIONS_LIMIT),
        (int)
            reader.integer(
                section,
                SECURITY,
                MAX_CONDITION_DEPTH,
                d.maxConditionDepth(),
                1,
                MAX_CONDITION_DEPTH_LIMIT),
        reader.duration(
            section, SECURITY, REQUEST_TIMEOUT, d.requestTimeout(), Duration.ZERO, MAX_DURATION),
        reader.choice(section, SECURITY, RAW_SQL, RawSqlMode.class).orElse(d.rawSql()),
        (int)
            reader.integer(
                section, SECURITY, RATE_LIMIT_PER_SECOND, d.rateLimitPerSecond(), 0, 1_000_000),
        (int) reader.integer(section, SECURITY, RATE_LIMIT_BURST, d.rateLimitBurst(), 1, 1_000_000),
        reader.bool(section, SECURITY, ConfigKeys.RATE_LIMIT_SHARED).orElse(d.rateLimitShared()),
        clients(section));
  }

  /** {@code security.clients.<name>: {enforce_api_keys, raw_sql}}. */
  private Map<String, ClientSecurity> clients(ObjectNode section) {
    String path = SECURITY + "." + CLIENTS;
    Map<String, ClientSecurity> bound = new LinkedHashMap<>();
    ObjectNode clients =
        reader.namedMapping(section, CLIENTS, path, "a mapping of client name to settings");
    clients
        .properties()
        .forEach(
            entry -> {
              String name = entry.getKey();
              if (!PostgresClientsBinder.CLIENT_NAME.matcher(name).matches()) {
                reader.problem(
                    path + "." + name,
                    Secret.MASK,
                    "is not a client name " + PostgresClientsBinder.CLIENT_NAME.pattern());
                return;
              }
              String clientPath = path + "." + name;
              ObjectNode own =
                  reader.section(clients, name, clientPath, ConfigKeys.CLIENT_SECURITY_KEYS);
              bound.put(
                  name,
                  new ClientSecurity(
                      bool(own, clientPath, ENFORCE_API_KEYS),
                      reader.choice(own, clientPath, RAW_SQL, RawSqlMode.class)));
            });
    return bound;
  }

  private Optional<Boolean> bool(ObjectNode section, String path, String key) {
    Optional<ConfigReader.Setting> setting = reader.setting(section, path, key, false);
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
