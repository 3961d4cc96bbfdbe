package io.athena.core.config;

import static io.athena.core.config.ConfigKeys.CONNECTION_TIMEOUT;
import static io.athena.core.config.ConfigKeys.MAX_DURATION;
import static io.athena.core.config.ConfigKeys.MAX_POOL_SIZE;
import static io.athena.core.config.ConfigKeys.POSTGRES_CLIENTS;
import static io.athena.core.config.ConfigKeys.STATEMENT_TIMEOUT;
import static io.athena.core.config.ConfigKeys.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code postgres_clients} in its three forms: a mapping of name → URI (short form), name →
 * mapping with {@code uri} and pool settings (long form), or the athena_rs list of one-entry
 * mappings ({@code - reporting: postgres://...}).
 */
final class PostgresClientsBinder {
  static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");
  static final List<String> URI_PREFIXES =
      List.of("postgres://", "postgresql://", "jdbc:postgresql://");

  private final ConfigReader reader;
  private final Map<String, PostgresClientConfig> clients = new LinkedHashMap<>();

  PostgresClientsBinder(ConfigReader reader) {
    this.reader = reader;
  }

  Map<String, PostgresClientConfig> bind(JsonNode node) {
    if (node == null || node.isNull()) {
      return clients;
    }
    if (node.isObject()) {
      node.properties()
          .forEach(
              entry -> add(entry.getKey(), entry.getValue(), POSTGRES_CLIENTS, POSTGRES_CLIENTS));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        listElement(node.get(i), POSTGRES_CLIENTS + "[" + i + "]");
      }
    } else {
      reader.problem(
          POSTGRES_CLIENTS,
          ConfigReader.kind(node),
          "must be a mapping of client name to URI, or a list of such one-entry mappings");
    }
    return clients;
  }

  private void listElement(JsonNode element, String elementPath) {
    if (!element.isObject() || element.size() != 1) {
      reader.problem(
          elementPath,
          ConfigReader.kind(element),
          "must be a one-entry mapping such as '- reporting: postgres://...'");
      return;
    }
    Map.Entry<String, JsonNode> entry = element.properties().iterator().next();
    add(entry.getKey(), entry.getValue(), elementPath, elementPath);
  }

  /**
   * @param parentPath where the name sits, for name problems
   * @param clientPrefix the path the client's own settings hang under
   */
  private void add(String name, JsonNode value, String parentPath, String clientPrefix) {
    String path = clientPrefix + "." + name;
    Optional<PostgresClientConfig> client =
        value != null && value.isObject()
            ? longForm(name, (ObjectNode) value, path)
            : shortForm(name, value, path);
    boolean validName = CLIENT_NAME.matcher(name).matches();
    if (!validName) {
      reader.problem(
          parentPath, shownName(name), "client names must match " + CLIENT_NAME.pattern());
    } else if (clients.containsKey(name)) {
      reader.problem(parentPath, name, "repeats a client name; names must be unique");
    } else {
      client.ifPresent(config -> clients.put(name, config));
    }
  }

  private Optional<PostgresClientConfig> shortForm(String name, JsonNode value, String path) {
    if (value == null || value.isNull()) {
      reader.problem(path, "null", "must be a URI or a mapping with keys " + keys());
      return Optional.empty();
    }
    return uri(reader.scalar(value, path, true))
        .map(uri -> PostgresClientConfig.of(name, uri.reveal()));
  }

  private Optional<PostgresClientConfig> longForm(String name, ObjectNode value, String path) {
    reader.rejectUnknownKeys(value, path, ConfigKeys.CLIENT_KEYS);
    Optional<ConfigReader.Setting> uriSetting = reader.setting(value, path, URI, true);
    if (uriSetting.isEmpty() && (value.get(URI) == null || value.get(URI).isNull())) {
      reader.problem(path + "." + URI, "null", "is required");
    }
    Optional<Secret> uri = uri(uriSetting);
    int maxPoolSize =
        (int)
            reader.integer(
                value,
                path,
                MAX_POOL_SIZE,
                PostgresClientConfig.DEFAULT_MAX_POOL_SIZE,
                1,
                ConfigKeys.MAX_POOL_SIZE_LIMIT);
    Duration connectionTimeout =
        reader.duration(
            value,
            path,
            CONNECTION_TIMEOUT,
            PostgresClientConfig.DEFAULT_CONNECTION_TIMEOUT,
            ConfigKeys.MIN_CONNECTION_TIMEOUT,
            MAX_DURATION);
    Duration statementTimeout =
        reader.duration(
            value,
            path,
            STATEMENT_TIMEOUT,
            PostgresClientConfig.DEFAULT_STATEMENT_TIMEOUT,
            Duration.ofMillis(1),
            MAX_DURATION);
    return uri.map(
        secret ->
            new PostgresClientConfig(
                name, secret, maxPoolSize, connectionTimeout, statementTimeout));
  }

  private Optional<Secret> uri(Optional<ConfigReader.Setting> setting) {
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    String uri = setting.get().text();
    if (URI_PREFIXES.stream().noneMatch(uri::startsWith)) {
      reader.problem(setting.get(), "must start with " + String.join(", ", URI_PREFIXES));
      return Optional.empty();
    }
    return Optional.of(Secret.of(uri));
  }

  /** A name that looks like a URI may hold a password: the file was probably mis-indented. */
  private static String shownName(String name) {
    return name.contains("://") || name.contains("@") ? Secret.MASK : name;
  }

  private static String keys() {
    return String.join(", ", ConfigKeys.CLIENT_KEYS);
  }
}
