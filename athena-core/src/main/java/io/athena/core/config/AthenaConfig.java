package io.athena.core.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole, validated configuration. Build it with {@link #load()} (YAML + environment) or by hand
 * for tests and embedding.
 *
 * @param postgresClients client name → client, in the order configured
 * @param security API keys, limits and rate limiting
 * @param daemon the job daemon of this process
 * @param admission concurrency limits of gateway requests, and deferral
 * @param cache the read cache of fetches
 * @param observability health probes, tracing and the control plane
 */
public record AthenaConfig(
    ServerConfig server,
    GatewayConfig gateway,
    Map<String, PostgresClientConfig> postgresClients,
    SecurityConfig security,
    DaemonConfig daemon,
    AdmissionConfig admission,
    CacheConfig cache,
    ObservabilityConfig observability) {
  /** The environment variable that names the configuration file. */
  public static final String CONFIG_PATH_ENV = "ATHENA_CONFIG_PATH";

  /**
   * The environment variable that supplies the admin key when none is configured (the Rust server's
   * convention).
   */
  public static final String ADMIN_KEY_ENV = "ATHENA_KEY_12";

  /**
   * Where {@link #load()} looks when {@link #CONFIG_PATH_ENV} is unset, in order; the first file
   * that exists wins. {@code ./} is the working directory, {@code ~/} the user's home.
   */
  public static final List<String> SEARCH_LIST =
      List.of("./athena.yaml", "./config/athena.yaml", "~/.athena/athena.yaml");

  /** The logger {@link #load()} writes the effective configuration to, at INFO. */
  public static final String LOGGER_NAME = "io.athena.core.config";

  public AthenaConfig {
    postgresClients = Collections.unmodifiableMap(new LinkedHashMap<>(postgresClients));
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(daemon, "daemon");
    Objects.requireNonNull(admission, "admission");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(observability, "observability");
  }

  /** A configuration with the default observability settings. */
  public AthenaConfig(
      ServerConfig server,
      GatewayConfig gateway,
      Map<String, PostgresClientConfig> postgresClients,
      SecurityConfig security,
      DaemonConfig daemon,
      AdmissionConfig admission,
      CacheConfig cache) {
    this(
        server,
        gateway,
        postgresClients,
        security,
        daemon,
        admission,
        cache,
        ObservabilityConfig.defaults());
  }

  /** A configuration with the default (off) read cache. */
  public AthenaConfig(
      ServerConfig server,
      GatewayConfig gateway,
      Map<String, PostgresClientConfig> postgresClients,
      SecurityConfig security,
      DaemonConfig daemon,
      AdmissionConfig admission) {
    this(server, gateway, postgresClients, security, daemon, admission, CacheConfig.defaults());
  }

  /** A configuration with the default daemon and admission settings. */
  public AthenaConfig(
      ServerConfig server,
      GatewayConfig gateway,
      Map<String, PostgresClientConfig> postgresClients,
      SecurityConfig security) {
    this(
        server,
        gateway,
        postgresClients,
        security,
        DaemonConfig.defaults(),
        AdmissionConfig.defaults());
  }

  /** A configuration with the default security settings. */
  public AthenaConfig(
      ServerConfig server,
      GatewayConfig gateway,
      Map<String, PostgresClientConfig> postgresClients) {
    this(server, gateway, postgresClients, SecurityConfig.defaults());
  }

  /** This configuration with {@code security} replaced. */
  public AthenaConfig withSecurity(SecurityConfig newSecurity) {
    return new AthenaConfig(
        server, gateway, postgresClients, newSecurity, daemon, admission, cache, observability);
  }

  /** This configuration with {@code daemon} replaced. */
  public AthenaConfig withDaemon(DaemonConfig newDaemon) {
    return new AthenaConfig(
        server, gateway, postgresClients, security, newDaemon, admission, cache, observability);
  }

  /** This configuration with {@code admission} replaced. */
  public AthenaConfig withAdmission(AdmissionConfig newAdmission) {
    return new AthenaConfig(
        server, gateway, postgresClients, security, daemon, newAdmission, cache, observability);
  }

  /** This configuration with {@code cache} replaced. */
  public AthenaConfig withCache(CacheConfig newCache) {
    return new AthenaConfig(
        server, gateway, postgresClients, security, daemon, admission, newCache, observability);
  }

  /** This configuration with {@code observability} replaced. */
  public AthenaConfig withObservability(ObservabilityConfig newObservability) {
    return new AthenaConfig(
        server, gateway, postgresClients, security, daemon, admission, cache, newObservability);
  }

  /** The built-in defaults: no clients, no admin key. */
  public static AthenaConfig defaults() {
    return new AthenaConfig(ServerConfig.defaults(), GatewayConfig.defaults(), Map.of());
  }

  /**
   * Loads the YAML file named by {@code ATHENA_CONFIG_PATH}, else the first file of {@link
   * #SEARCH_LIST} that exists, else the built-in defaults; then expands {@code ${VAR}} and {@code
   * ${VAR:-default}} references from the environment, applies {@code ATHENA_<SECTION>_<KEY>}
   * overrides and {@code ATHENA_KEY_12}, validates, and logs the result once at INFO on {@link
   * #LOGGER_NAME}.
   *
   * @throws ConfigException listing every problem, when the file named by {@code
   *     ATHENA_CONFIG_PATH} does not exist or any value is invalid
   */
  public static AthenaConfig load() {
    return AthenaConfigLoader.system().load();
  }

  /**
   * Like {@link #load()}, but from {@code file}, which must exist. The environment still expands
   * references and overrides keys.
   *
   * @throws ConfigException listing every problem
   */
  public static AthenaConfig load(Path file) {
    return AthenaConfigLoader.system().load(file);
  }

  /**
   * The effective configuration, one {@code path = value} per line, with the admin key shown as
   * {@code <masked>} and passwords inside client URIs masked ({@link Uris#maskPassword}). Safe to
   * log.
   */
  public String describe() {
    return ConfigDescription.of(this);
  }
}
