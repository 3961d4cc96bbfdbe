package io.athena.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The control-plane database: the audit log of gateway requests, client statistics and the
 * database-backed client catalog.
 *
 * @param loggingClient the configured client whose database holds the control plane ({@code
 *     gateway.logging_client}); none turns the control plane off
 * @param auditQueueCapacity records waiting to be written at most; a full queue drops and counts
 * @param auditBatchSize records written per batch at most
 * @param auditFlushInterval how long a record waits at most before its batch is written
 * @param catalogReloadInterval how often the client catalog is re-read
 * @param requestLogRetention how long rows of the request log are kept; zero keeps every row
 */
public record ControlPlaneConfig(
    Optional<String> loggingClient,
    int auditQueueCapacity,
    int auditBatchSize,
    Duration auditFlushInterval,
    Duration catalogReloadInterval,
    Duration requestLogRetention) {
  public static final int DEFAULT_AUDIT_QUEUE_CAPACITY = 20_000;
  public static final int DEFAULT_AUDIT_BATCH_SIZE = 500;
  public static final Duration DEFAULT_AUDIT_FLUSH_INTERVAL = Duration.ofMillis(500);
  public static final Duration DEFAULT_CATALOG_RELOAD_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_LOG_RETENTION = Duration.ZERO;

  public ControlPlaneConfig {
    Objects.requireNonNull(loggingClient, "loggingClient");
    Objects.requireNonNull(auditFlushInterval, "auditFlushInterval");
    Objects.requireNonNull(catalogReloadInterval, "catalogReloadInterval");
    Objects.requireNonNull(requestLogRetention, "requestLogRetention");
  }

  public static ControlPlaneConfig defaults() {
    return new ControlPlaneConfig(
        Optional.empty(),
        DEFAULT_AUDIT_QUEUE_CAPACITY,
        DEFAULT_AUDIT_BATCH_SIZE,
        DEFAULT_AUDIT_FLUSH_INTERVAL,
        DEFAULT_CATALOG_RELOAD_INTERVAL,
        DEFAULT_REQUEST_LOG_RETENTION);
  }

  public ControlPlaneConfig withLoggingClient(String client) {
    return new ControlPlaneConfig(
        Optional.of(client),
        auditQueueCapacity,
        auditBatchSize,
        auditFlushInterval,
        catalogReloadInterval,
        requestLogRetention);
  }
}
