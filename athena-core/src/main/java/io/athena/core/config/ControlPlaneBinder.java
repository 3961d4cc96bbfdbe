package io.athena.core.config;

import static io.athena.core.config.ConfigKeys.AUDIT_BATCH_SIZE;
import static io.athena.core.config.ConfigKeys.AUDIT_FLUSH_INTERVAL;
import static io.athena.core.config.ConfigKeys.AUDIT_QUEUE_CAPACITY;
import static io.athena.core.config.ConfigKeys.CATALOG_RELOAD_INTERVAL;
import static io.athena.core.config.ConfigKeys.CONTROL_PLANE;
import static io.athena.core.config.ConfigKeys.GATEWAY;
import static io.athena.core.config.ConfigKeys.LOGGING_CLIENT;
import static io.athena.core.config.ConfigKeys.REQUEST_LOG_RETENTION;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Binds {@code gateway.logging_client} and the {@code control_plane} section. */
final class ControlPlaneBinder {
  static final int MAX_AUDIT_QUEUE_CAPACITY = 10_000_000;
  static final int MAX_AUDIT_BATCH_SIZE = 10_000;
  static final Duration MAX_AUDIT_FLUSH_INTERVAL = Duration.ofMinutes(1);
  static final Duration MAX_REQUEST_LOG_RETENTION = Duration.ofDays(3650);
  static final Duration MIN_CATALOG_RELOAD_INTERVAL = Duration.ofMillis(100);
  static final Duration MAX_CATALOG_RELOAD_INTERVAL = Duration.ofHours(1);

  private final ConfigReader reader;

  ControlPlaneBinder(ConfigReader reader) {
    this.reader = reader;
  }

  /**
   * @param gateway the {@code gateway} section, which holds {@code logging_client}
   * @param section the {@code control_plane} section
   * @param clients the configured clients, one of which {@code logging_client} must name
   */
  ControlPlaneConfig bind(
      ObjectNode gateway, ObjectNode section, Map<String, PostgresClientConfig> clients) {
    ControlPlaneConfig d = ControlPlaneConfig.defaults();
    return new ControlPlaneConfig(
        loggingClient(gateway, clients),
        (int)
            reader.integer(
                section,
                CONTROL_PLANE,
                AUDIT_QUEUE_CAPACITY,
                d.auditQueueCapacity(),
                1,
                MAX_AUDIT_QUEUE_CAPACITY),
        (int)
            reader.integer(
                section,
                CONTROL_PLANE,
                AUDIT_BATCH_SIZE,
                d.auditBatchSize(),
                1,
                MAX_AUDIT_BATCH_SIZE),
        reader.duration(
            section,
            CONTROL_PLANE,
            AUDIT_FLUSH_INTERVAL,
            d.auditFlushInterval(),
            Duration.ofMillis(1),
            MAX_AUDIT_FLUSH_INTERVAL),
        reader.duration(
            section,
            CONTROL_PLANE,
            CATALOG_RELOAD_INTERVAL,
            d.catalogReloadInterval(),
            MIN_CATALOG_RELOAD_INTERVAL,
            MAX_CATALOG_RELOAD_INTERVAL),
        reader.duration(
            section,
            CONTROL_PLANE,
            REQUEST_LOG_RETENTION,
            d.requestLogRetention(),
            Duration.ZERO,
            MAX_REQUEST_LOG_RETENTION));
  }

  /** The control plane lives in a configured client's database: the name must be one of them. */
  private Optional<String> loggingClient(
      ObjectNode gateway, Map<String, PostgresClientConfig> clients) {
    Optional<ConfigReader.Setting> setting =
        reader
            .setting(gateway, GATEWAY, LOGGING_CLIENT, false)
            .filter(configured -> !configured.text().isBlank());
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    String name = setting.get().text().strip();
    if (!clients.containsKey(name)) {
      String known =
          clients.isEmpty()
              ? "none are configured"
              : "configured: " + String.join(", ", clients.keySet());
      reader.problem(setting.get(), "must name a client of postgres_clients (" + known + ")");
      return Optional.empty();
    }
    return Optional.of(name);
  }
}
