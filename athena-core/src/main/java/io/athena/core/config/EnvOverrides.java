package io.athena.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ATHENA_<SECTION>_<KEY>} environment variables that override scalar keys of the sections,
 * for example {@code ATHENA_SERVER_PORT=8080} or {@code ATHENA_CACHE_REDIS_ADDRESS=redis://r:6379}.
 * Empty values are ignored.
 */
final class EnvOverrides {
  /** One override: the variable that set a path, and its value. */
  record Override(String variable, String value) {}

  /** An ignored variable and the override it was probably meant to be. */
  record NearMiss(String variable, String meant) {}

  /** Every supported variable and the path it sets, e.g. ATHENA_SERVER_PORT → server.port. */
  static final Map<String, String> VARIABLES = variables();

  private final Map<String, Override> byPath = new LinkedHashMap<>();
  private final List<NearMiss> nearMisses = new ArrayList<>();

  EnvOverrides(Map<String, String> env) {
    env.forEach(
        (variable, value) -> {
          String path = VARIABLES.get(variable);
          if (path != null && !value.isEmpty()) {
            byPath.put(path, new Override(variable, value));
          } else if (path == null && looksLikeOverride(variable)) {
            NearestName.to(variable, VARIABLES.keySet())
                .ifPresent(known -> nearMisses.add(new NearMiss(variable, known)));
          }
        });
  }

  Optional<Override> forPath(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  /**
   * Variables named like an override, one typo away from a real one, that are ignored. Others with
   * the prefix are left alone: clients of the gateway use names such as ATHENA_GATEWAY_URL.
   */
  List<NearMiss> nearMisses() {
    return List.copyOf(nearMisses);
  }

  private static boolean looksLikeOverride(String variable) {
    return variable.startsWith("ATHENA_SERVER_")
        || variable.startsWith("ATHENA_GATEWAY_")
        || variable.startsWith("ATHENA_SECURITY_")
        || variable.startsWith("ATHENA_DAEMON_")
        || variable.startsWith("ATHENA_ADMISSION_")
        || variable.startsWith("ATHENA_CACHE_")
        || variable.startsWith("ATHENA_TRACING_")
        || variable.startsWith("ATHENA_HEALTH_")
        || variable.startsWith("ATHENA_CONTROL_PLANE_");
  }

  private static Map<String, String> variables() {
    Map<String, String> variables = new LinkedHashMap<>();
    ConfigKeys.SERVER_KEYS.forEach(
        key -> variables.put(name(ConfigKeys.SERVER, key), path(ConfigKeys.SERVER, key)));
    ConfigKeys.GATEWAY_KEYS.forEach(
        key -> variables.put(name(ConfigKeys.GATEWAY, key), path(ConfigKeys.GATEWAY, key)));
    ConfigKeys.SECURITY_SCALAR_KEYS.forEach(
        key -> variables.put(name(ConfigKeys.SECURITY, key), path(ConfigKeys.SECURITY, key)));
    ConfigKeys.DAEMON_SCALAR_KEYS.forEach(
        key -> variables.put(name(ConfigKeys.DAEMON, key), path(ConfigKeys.DAEMON, key)));
    ConfigKeys.ADMISSION_KEYS.forEach(
        key -> variables.put(name(ConfigKeys.ADMISSION, key), path(ConfigKeys.ADMISSION, key)));
    ConfigKeys.CACHE_SCALAR_KEYS.forEach(
        key -> variables.put(name(ConfigKeys.CACHE, key), path(ConfigKeys.CACHE, key)));
    variables.put(
        name(ConfigKeys.TRACING, ConfigKeys.QUEUE_CAPACITY),
        path(ConfigKeys.TRACING, ConfigKeys.QUEUE_CAPACITY));
    // nested: ATHENA_TRACING_FILE_SINKS_ENABLED → tracing.file_sinks.enabled
    ConfigKeys.FILE_SINKS_KEYS.forEach(
        key ->
            variables.put(
                name(ConfigKeys.TRACING + "_" + ConfigKeys.FILE_SINKS, key),
                path(ConfigKeys.TRACING_FILE_SINKS, key)));
    ConfigKeys.HEALTH_KEYS.forEach(
        key -> variables.put(name(ConfigKeys.HEALTH, key), path(ConfigKeys.HEALTH, key)));
    ConfigKeys.CONTROL_PLANE_KEYS.forEach(
        key ->
            variables.put(
                name(ConfigKeys.CONTROL_PLANE, key), path(ConfigKeys.CONTROL_PLANE, key)));
    String redis = path(ConfigKeys.CACHE, ConfigKeys.REDIS);
    ConfigKeys.REDIS_KEYS.forEach(
        key ->
            variables.put(name(ConfigKeys.CACHE + "_" + ConfigKeys.REDIS, key), path(redis, key)));
    return Collections.unmodifiableMap(variables);
  }

  private static String name(String section, String key) {
    return ("ATHENA_" + section + "_" + key).toUpperCase(Locale.ROOT);
  }

  private static String path(String section, String key) {
    return section + "." + key;
  }
}
