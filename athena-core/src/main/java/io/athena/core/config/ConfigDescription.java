package io.athena.core.config;

import java.time.Duration;
import java.util.Map;

/**
 * Writes the effective configuration for people: one {@code path = value} per line, secrets masked.
 */
final class ConfigDescription {
  private final StringBuilder text = new StringBuilder();

  private ConfigDescription() {}

  static String of(AthenaConfig config) {
    ConfigDescription description = new ConfigDescription();
    description.server(config.server());
    description.gateway(config.gateway());
    description.clients(config.postgresClients());
    description.security(config.security());
    description.jobs(config.daemon(), config.admission());
    description.cache(config.cache());
    description.tracing(config.observability().tracing());
    description.health(config.observability().health());
    description.controlPlane(config.observability().controlPlane());
    return description.text.toString().stripTrailing();
  }

  private void server(ServerConfig server) {
    line("server.host", server.host());
    line("server.port", server.port());
    line("server.max_body_bytes", server.maxBodyBytes());
  }

  private void gateway(GatewayConfig gateway) {
    line(
        "gateway.admin_key",
        gateway.adminKey().isPresent() ? Secret.MASK : "(none: admin routes answer 403)");
    line("gateway.default_schema", gateway.defaultSchema());
    line("gateway.catalog_cache_ttl", Durations.format(gateway.catalogCacheTtl()));
  }

  private void clients(Map<String, PostgresClientConfig> clients) {
    if (clients.isEmpty()) {
      line("postgres_clients", "(none)");
    }
    clients.forEach(
        (name, client) -> {
          String path = "postgres_clients." + name + ".";
          line(path + "uri", Uris.maskPassword(client.uri().reveal()));
          line(path + "max_pool_size", client.maxPoolSize());
          line(path + "connection_timeout", Durations.format(client.connectionTimeout()));
          line(path + "statement_timeout", Durations.format(client.statementTimeout()));
        });
  }

  private void security(SecurityConfig security) {
    line("security.enforce_api_keys", security.enforceApiKeys());
    line("security.key_store_failure", ConfigReader.wireName(security.keyStoreFailure()));
    line("security.key_cache_ttl", Durations.format(security.keyCacheTtl()));
    line("security.max_limit", security.maxLimit());
    line("security.max_insert_rows", security.maxInsertRows());
    line("security.max_conditions", security.maxConditions());
    line("security.max_condition_depth", security.maxConditionDepth());
    line("security.request_timeout", Durations.format(security.requestTimeout()));
    line("security.raw_sql", ConfigReader.wireName(security.rawSql()));
    line("security.rate_limit_per_second", security.rateLimitPerSecond());
    line("security.rate_limit_burst", security.rateLimitBurst());
    line("security.rate_limit_shared", security.rateLimitShared());
    security
        .clients()
        .forEach(
            (name, client) -> {
              String path = "security.clients." + name + ".";
              client.enforceApiKeys().ifPresent(e -> line(path + "enforce_api_keys", e));
              client.rawSql().ifPresent(m -> line(path + "raw_sql", ConfigReader.wireName(m)));
            });
  }

  private void jobs(DaemonConfig daemon, AdmissionConfig admission) {
    line("daemon.enabled", daemon.enabled());
    line("daemon.role", daemon.role().wireName());
    daemon.daemonId().ifPresent(id -> line("daemon.id", id));
    line("daemon.lease", Durations.format(daemon.lease()));
    // zero means "a third of the lease": show the value that will apply
    Duration heartbeat =
        daemon.heartbeatInterval().isZero()
            ? daemon.lease().dividedBy(3)
            : daemon.heartbeatInterval();
    line("daemon.heartbeat_interval", Durations.format(heartbeat));
    line("daemon.poll_interval", Durations.format(daemon.pollInterval()));
    line("daemon.drain_timeout", Durations.format(daemon.drainTimeout()));
    line("daemon.claim_batch_size", daemon.claimBatchSize());
    daemon.concurrency().forEach((family, n) -> line("daemon.concurrency." + family, n));
    line("admission.max_concurrent", admission.maxConcurrent());
    line("admission.max_concurrent_per_client", admission.maxConcurrentPerClient());
    line("admission.overload", ConfigReader.wireName(admission.overload()));
    line("admission.deferred_result_ttl", Durations.format(admission.deferredResultTtl()));
    line("admission.shared", admission.shared());
    line("admission.shared_slot_lease", Durations.format(admission.sharedSlotLease()));
  }

  private void cache(CacheConfig cache) {
    line("cache.enabled", cache.enabled());
    line("cache.ttl", Durations.format(cache.ttl()));
    line("cache.max_entries", cache.maxEntries());
    line("cache.max_entry_bytes", cache.maxEntryBytes());
    line("cache.shared_failure_threshold", cache.sharedFailureThreshold());
    line("cache.shared_retry_after", Durations.format(cache.sharedRetryAfter()));
    line("cache.shared_lease", Durations.format(cache.sharedLease()));
    // zero means "the ttl": show the value that will apply
    line("cache.shared_lapse_grace", Durations.format(cache.effectiveLapseGrace()));
    RedisConfig redis = cache.redis();
    line("cache.redis.address", redis.describeAddress());
    line("cache.redis.timeout", Durations.format(redis.timeout()));
    line("cache.redis.password", redis.password().isPresent() ? Secret.MASK : "(none)");
    line("cache.redis.key_prefix", redis.keyPrefix());
  }

  private void tracing(TracingConfig tracing) {
    line("tracing.queue_capacity", tracing.queueCapacity());
    line("tracing.file_sinks.enabled", tracing.fileSinksEnabled());
    line("tracing.file_sinks.directory", tracing.directory());
    line("tracing.file_sinks.max_file_bytes", tracing.maxFileBytes());
    line("tracing.file_sinks.max_files", tracing.maxFiles());
  }

  private void health(HealthConfig health) {
    line("health.probe_interval", Durations.format(health.probeInterval()));
    line("health.probe_timeout", Durations.format(health.probeTimeout()));
    line(
        "health.mirrors",
        health.mirrors().isEmpty()
            ? "(none)"
            : String.join(", ", health.mirrors().stream().map(Object::toString).toList()));
  }

  private void controlPlane(ControlPlaneConfig controlPlane) {
    line(
        "gateway.logging_client",
        controlPlane.loggingClient().orElse("(none: no control plane, no audit log)"));
    line("control_plane.audit_queue_capacity", controlPlane.auditQueueCapacity());
    line("control_plane.audit_batch_size", controlPlane.auditBatchSize());
    line("control_plane.audit_flush_interval", Durations.format(controlPlane.auditFlushInterval()));
    line(
        "control_plane.catalog_reload_interval",
        Durations.format(controlPlane.catalogReloadInterval()));
    line(
        "control_plane.request_log_retention",
        controlPlane.requestLogRetention().isZero()
            ? "0 (every row is kept)"
            : Durations.format(controlPlane.requestLogRetention()));
  }

  private void line(String path, Object value) {
    text.append(path).append(" = ").append(value).append('\n');
  }
}
