package io.athena.core.config;

import static io.athena.core.config.ConfigKeys.ADMIN_KEY;
import static io.athena.core.config.ConfigKeys.CATALOG_CACHE_TTL;
import static io.athena.core.config.ConfigKeys.DEFAULT_SCHEMA;
import static io.athena.core.config.ConfigKeys.GATEWAY;
import static io.athena.core.config.ConfigKeys.HOST;
import static io.athena.core.config.ConfigKeys.MAX_BODY_BYTES;
import static io.athena.core.config.ConfigKeys.MAX_DURATION;
import static io.athena.core.config.ConfigKeys.PORT;
import static io.athena.core.config.ConfigKeys.POSTGRES_CLIENTS;
import static io.athena.core.config.ConfigKeys.SECURITY;
import static io.athena.core.config.ConfigKeys.SERVER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns the parsed YAML tree into validated records, reporting every problem to the reader. */
final class ConfigBinder {
  /** An unquoted PostgreSQL identifier; the gateway splices the schema into SQL. */
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

  private final ConfigReader reader;
  private final String adminKeyFallback;

  /**
   * @param adminKeyFallback the value of {@link AthenaConfig#ADMIN_KEY_ENV}, used when no admin key
   *     is configured; may be null
   */
  ConfigBinder(ConfigReader reader, String adminKeyFallback) {
    this.reader = reader;
    this.adminKeyFallback = adminKeyFallback;
  }

  /**
   * @param root the parsed document; null or missing for an empty file or no file at all
   */
  AthenaConfig bind(JsonNode root) {
    ObjectNode top = document(root);
    ServerConfig server = server(reader.section(top, SERVER, SERVER, ConfigKeys.SERVER_KEYS));
    ObjectNode gatewaySection = reader.section(top, GATEWAY, GATEWAY, ConfigKeys.GATEWAY_KEYS);
    GatewayConfig gateway = gateway(gatewaySection);
    var clients = new PostgresClientsBinder(reader).bind(top.get(POSTGRES_CLIENTS));
    SecurityConfig security =
        new SecurityBinder(reader)
            .bind(reader.section(top, SECURITY, SECURITY, ConfigKeys.SECURITY_KEYS));
    JobsBinder jobs = new JobsBinder(reader);
    DaemonConfig daemon =
        jobs.daemon(
            reader.section(top, ConfigKeys.DAEMON, ConfigKeys.DAEMON, ConfigKeys.DAEMON_KEYS));
    AdmissionConfig admission =
        jobs.admission(
            reader.section(
                top, ConfigKeys.ADMISSION, ConfigKeys.ADMISSION, ConfigKeys.ADMISSION_KEYS));
    CacheConfig cache =
        new CacheBinder(reader)
            .bind(reader.section(top, ConfigKeys.CACHE, ConfigKeys.CACHE, ConfigKeys.CACHE_KEYS));
    TracingConfig tracing =
        new TracingBinder(reader)
            .bind(
                reader.section(
                    top, ConfigKeys.TRACING, ConfigKeys.TRACING, ConfigKeys.TRACING_KEYS));
    HealthConfig health =
        new HealthBinder(reader)
            .bind(
                reader.section(top, ConfigKeys.HEALTH, ConfigKeys.HEALTH, ConfigKeys.HEALTH_KEYS));
    AthenaConfig config =
        new AthenaConfig(
            server,
            gateway,
            clients,
            security,
            daemon,
            admission,
            cache,
            ObservabilityConfig.defaults().withTracing(tracing).withHealth(health));
    ControlPlaneConfig controlPlane =
        new ControlPlaneBinder(reader)
            .bind(
                gatewaySection,
                reader.section(
                    top,
                    ConfigKeys.CONTROL_PLANE,
                    ConfigKeys.CONTROL_PLANE,
                    ConfigKeys.CONTROL_PLANE_KEYS),
                clients);
    return config.withObservability(config.observability().withControlPlane(controlPlane));
  }

  private ObjectNode document(JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!root.isObject()) {
      reader.problem(
          "(document)",
          ConfigReader.kind(root),
          "must be a mapping with keys " + String.join(", ", ConfigKeys.ROOT_KEYS));
      return JsonNodeFactory.instance.objectNode();
    }
    reader.rejectUnknownKeys((ObjectNode) root, "", ConfigKeys.ROOT_KEYS);
    return (ObjectNode) root;
  }

  private ServerConfig server(ObjectNode section) {
    String host = reader.text(section, SERVER, HOST, ServerConfig.DEFAULT_HOST, ConfigBinder::host);
    int port = (int) reader.integer(section, SERVER, PORT, ServerConfig.DEFAULT_PORT, 1, 65_535);
    long maxBodyBytes =
        reader.integer(
            section,
            SERVER,
            MAX_BODY_BYTES,
            ServerConfig.DEFAULT_MAX_BODY_BYTES,
            1,
            Integer.MAX_VALUE);
    return new ServerConfig(host, port, maxBodyBytes);
  }

  private GatewayConfig gateway(ObjectNode section) {
    Optional<Secret> adminKey = adminKey(section);
    String schema =
        reader.text(
            section, GATEWAY, DEFAULT_SCHEMA, GatewayConfig.DEFAULT_SCHEMA, ConfigBinder::schema);
    Duration ttl =
        reader.duration(
            section,
            GATEWAY,
            CATALOG_CACHE_TTL,
            GatewayConfig.DEFAULT_CATALOG_CACHE_TTL,
            Duration.ZERO,
            MAX_DURATION);
    return new GatewayConfig(adminKey, schema, ttl);
  }

  /** The configured key; an empty one counts as none, so ${ATHENA_ADMIN_KEY:-} means optional. */
  private Optional<Secret> adminKey(ObjectNode section) {
    String path = GATEWAY + "." + ADMIN_KEY;
    Optional<ConfigReader.Setting> setting =
        reader
            .setting(section, GATEWAY, ADMIN_KEY, true)
            .filter(configured -> !configured.text().isEmpty())
            .or(
                () ->
                    reader.fromEnvironment(
                        AthenaConfig.ADMIN_KEY_ENV, adminKeyFallback, path, true));
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    String key = setting.get().text();
    if (!key.equals(key.strip())) {
      // HTTP trims header values, so such a key could never match a request.
      reader.problem(setting.get(), "must not begin or end with whitespace");
      return Optional.empty();
    }
    return Optional.of(Secret.of(key));
  }

  private static Optional<String> host(String host) {
    if (host.isBlank()) {
      return Optional.of("must not be blank");
    }
    return host.chars().anyMatch(Character::isWhitespace)
        ? Optional.of("must not contain whitespace")
        : Optional.empty();
  }

  private static Optional<String> schema(String schema) {
    return SCHEMA.matcher(schema).matches()
        ? Optional.empty()
        : Optional.of("must be a PostgreSQL identifier matching " + SCHEMA.pattern());
  }
}
