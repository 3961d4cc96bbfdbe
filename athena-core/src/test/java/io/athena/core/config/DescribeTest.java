package io.athena.core.config;

import static io.athena.core.config.InMemoryFiles.loadYaml;
import static io.athena.core.config.InMemoryFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DescribeTest {

  @Test
  void describesTheEffectiveConfigurationWithSecretsMasked() {
    AthenaConfig config = loadYaml(resource("config/full.yaml"), Map.of("ATHENA_ADMIN_KEY", "k"));

    assertThat(config.describe())
        .isEqualTo(
            """
            server.host = 127.0.0.1
            server.port = 8443
            server.max_body_bytes = 2097152
            gateway.admin_key = <masked>
            gateway.default_schema = app
            gateway.catalog_cache_ttl = 2m
            postgres_clients.reporting.uri = postgres://app:<masked>@db:5432/reporting
            postgres_clients.reporting.max_pool_size = 10
            postgres_clients.reporting.connection_timeout = 5s
            postgres_clients.reporting.statement_timeout = 30s
            postgres_clients.billing.uri = jdbc:postgresql://db:5432/billing?user=app&password=<masked>
            postgres_clients.billing.max_pool_size = 20
            postgres_clients.billing.connection_timeout = 250ms
            postgres_clients.billing.statement_timeout = 45s
            security.enforce_api_keys = false
            security.key_store_failure = fail_closed
            security.key_cache_ttl = 5s
            security.max_limit = 10000
            security.max_insert_rows = 1000
            security.max_conditions = 200
            security.max_condition_depth = 16
            security.request_timeout = 30s
            security.raw_sql = enabled
            security.rate_limit_per_second = 0
            security.rate_limit_burst = 20
            security.rate_limit_shared = false
            daemon.enabled = false
            daemon.role = all
            daemon.lease = 30s
            daemon.heartbeat_interval = 10s
            daemon.poll_interval = 250ms
            daemon.drain_timeout = 30s
            daemon.claim_batch_size = 32
            admission.max_concurrent = 0
            admission.max_concurrent_per_client = 0
            admission.overload = reject
            admission.deferred_result_ttl = 1h
            admission.shared = false
            admission.shared_slot_lease = 10s
            cache.enabled = false
            cache.ttl = 5s
            cache.max_entries = 10000
            cache.max_entry_bytes = 1048576
            cache.shared_failure_threshold = 3
            cache.shared_retry_after = 10s
            cache.shared_lease = 2s
            cache.shared_lapse_grace = 5s
            cache.redis.address = redis://:<masked>@redis:6379
            cache.redis.timeout = 250ms
            cache.redis.password = <masked>
            cache.redis.key_prefix = athena:
            tracing.queue_capacity = 10000
            tracing.file_sinks.enabled = false
            tracing.file_sinks.directory = logs
            tracing.file_sinks.max_file_bytes = 67108864
            tracing.file_sinks.max_files = 5
            health.probe_interval = 10s
            health.probe_timeout = 2s
            health.mirrors = (none)
            gateway.logging_client = (none: no control plane, no audit log)
            control_plane.audit_queue_capacity = 20000
            control_plane.audit_batch_size = 500
            control_plane.audit_flush_interval = 500ms
            control_plane.catalog_reload_interval = 5s
            control_plane.request_log_retention = 0 (every row is kept)""");
  }

  @Test
  void describesTheDefaults() {
    assertThat(AthenaConfig.defaults().describe())
        .isEqualTo(
            """
            server.host = 0.0.0.0
            server.port = 4052
            server.max_body_bytes = 1048576
            gateway.admin_key = (none: admin routes answer 403)
            gateway.default_schema = public
            gateway.catalog_cache_ttl = 1m
            postgres_clients = (none)
            security.enforce_api_keys = false
            security.key_store_failure = fail_closed
            security.key_cache_ttl = 5s
            security.max_limit = 10000
            security.max_insert_rows = 1000
            security.max_conditions = 200
            security.max_condition_depth = 16
            security.request_timeout = 30s
            security.raw_sql = enabled
            security.rate_limit_per_second = 0
            security.rate_limit_burst = 20
            security.rate_limit_shared = false
            daemon.enabled = false
            daemon.role = all
            daemon.lease = 30s
            daemon.heartbeat_interval = 10s
            daemon.poll_interval = 250ms
            daemon.drain_timeout = 30s
            daemon.claim_batch_size = 32
            admission.max_concurrent = 0
            admission.max_concurrent_per_client = 0
            admission.overload = reject
            admission.deferred_result_ttl = 1h
            admission.shared = false
            admission.shared_slot_lease = 10s
            cache.enabled = false
            cache.ttl = 5s
            cache.max_entries = 10000
            cache.max_entry_bytes = 1048576
            cache.shared_failure_threshold = 3
            cache.shared_retry_after = 10s
            cache.shared_lease = 2s
            cache.shared_lapse_grace = 5s
            cache.redis.address = (none)
            cache.redis.timeout = 250ms
            cache.redis.password = (none)
            cache.redis.key_prefix = athena:
            tracing.queue_capacity = 10000
            tracing.file_sinks.enabled = false
            tracing.file_sinks.directory = logs
            tracing.file_sinks.max_file_bytes = 67108864
            tracing.file_sinks.max_files = 5
            health.probe_interval = 10s
            health.probe_timeout = 2s
            health.mirrors = (none)
            gateway.logging_client = (none: no control plane, no audit log)
            control_plane.audit_queue_capacity = 20000
            control_plane.audit_batch_size = 500
            control_plane.audit_flush_interval = 500ms
            control_plane.catalog_reload_interval = 5s
            control_plane.request_log_retention = 0 (every row is kept)""");
  }
}
