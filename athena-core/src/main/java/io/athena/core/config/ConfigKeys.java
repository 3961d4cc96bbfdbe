package io.athena.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The keys the configuration file knows, section by section, and their limits. */
final class ConfigKeys {
  static final String SERVER = "server";
  static final String GATEWAY = "gateway";
  static final String POSTGRES_CLIENTS = "postgres_clients";
  static final String SECURITY = "security";
  static final String DAEMON = "daemon";
  static final String ADMISSION = "admission";
  static final String CACHE = "cache";
  static final String TRACING = "tracing";
  static final String HEALTH = "health";
  static final String CONTROL_PLANE = "control_plane";
  static final List<String> ROOT_KEYS =
      List.of(
          SERVER,
          GATEWAY,
          POSTGRES_CLIENTS,
          SECURITY,
          DAEMON,
          ADMISSION,
          CACHE,
          TRACING,
          HEALTH,
          CONTROL_PLANE);

  static final String HOST = "host";
  static final String PORT = "port";
  static final String MAX_BODY_BYTES = "max_body_bytes";
  static final List<String> SERVER_KEYS = List.of(HOST, PORT, MAX_BODY_BYTES);

  static final String ADMIN_KEY = "admin_key";
  static final String DEFAULT_SCHEMA = "default_schema";
  static final String CATALOG_CACHE_TTL = "catalog_cache_ttl";
  static final String LOGGING_CLIENT = "logging_client";
  static final List<String> GATEWAY_KEYS =
      List.of(ADMIN_KEY, DEFAULT_SCHEMA, CATALOG_CACHE_TTL, LOGGING_CLIENT);

  static final String ENFORCE_API_KEYS = "enforce_api_keys";
  static final String KEY_STORE_FAILURE = "key_store_failure";
  static final String KEY_CACHE_TTL = "key_cache_ttl";
  static final String MAX_LIMIT = "max_limit";
  static final String MAX_INSERT_ROWS = "max_insert_rows";
  static final String MAX_CONDITIONS = "max_conditions";
  static final String MAX_CONDITION_DEPTH = "max_condition_depth";
  static final String REQUEST_TIMEOUT = "request_timeout";
  static final String RAW_SQL = "raw_sql";
  static final String RATE_LIMIT_PER_SECOND = "rate_limit_per_second";
  static final String RATE_LIMIT_BURST = "rate_limit_burst";
  static final String RATE_LIMIT_SHARED = "rate_limit_shared";
  static final String CLIENTS = "clients";

  /** The scalar keys of {@code security}: these have environment overrides. */
  static final List<String> SECURITY_SCALAR_KEYS =
      List.of(
          ENFORCE_API_KEYS,
          KEY_STORE_FAILURE,
          KEY_CACHE_TTL,
          MAX_LIMIT,
          MAX_INSERT_ROWS,
          MAX_CONDITIONS,
          MAX_CONDITION_DEPTH,
          REQUEST_TIMEOUT,
          RAW_SQL,
          RATE_LIMIT_PER_SECOND,
          RATE_LIMIT_BURST,
          RATE_LIMIT_SHARED);

  static final List<String> SECURITY_KEYS = concat(SECURITY_SCALAR_KEYS, CLIENTS);
  static final List<String> CLIENT_SECURITY_KEYS = List.of(ENFORCE_API_KEYS, RAW_SQL);

  /** A key cache longer than this would keep revoked keys working for too long. */
  static final Duration MAX_KEY_CACHE_TTL = Duration.ofMinutes(5);

  /** More conditions than this would make one statement too costly to plan. */
  static final int MAX_CONDITIONS_LIMIT = 10_000;

  /** Filter groups are parsed recursively: deeper nesting than this risks the thread's stack. */
  static final int MAX_CONDITION_DEPTH_LIMIT = 64;

  static final String ENABLED = "enabled";
  static final String ROLE = "role";
  static final String ID = "id";
  static final String LEASE = "lease";
  static final String HEARTBEAT_INTERVAL = "heartbeat_interval";
  static final String POLL_INTERVAL = "poll_interval";
  static final String DRAIN_TIMEOUT = "drain_timeout";
  static final String CLAIM_BATCH_SIZE = "claim_batch_size";
  static final String CONCURRENCY = "concurrency";

  /** The scalar keys of {@code daemon}: these have environment overrides. */
  static final List<String> DAEMON_SCALAR_KEYS =
      List.of(
          ENABLED,
          ROLE,
          ID,
          LEASE,
          HEARTBEAT_INTERVAL,
          POLL_INTERVAL,
          DRAIN_TIMEOUT,
          CLAIM_BATCH_SIZE);

  static final List<String> DAEMON_KEYS = concat(DAEMON_SCALAR_KEYS, CONCURRENCY);

  static final String MAX_CONCURRENT = "max_concurrent";
  static final String MAX_CONCURRENT_PER_CLIENT = "max_concurrent_per_client";
  static final String OVERLOAD = "overload";
  static final String DEFERRED_RESULT_TTL = "deferred_result_ttl";
  static final String SHARED = "shared";
  static final String SHARED_SLOT_LEASE = "shared_slot_lease";
  static final List<String> ADMISSION_KEYS =
      List.of(
          MAX_CONCURRENT,
          MAX_CONCURRENT_PER_CLIENT,
          OVERLOAD,
          DEFERRED_RESULT_TTL,
          SHARED,
          SHARED_SLOT_LEASE);

  /** Deferred results kept longer than this would pile up in the job store. */
  static final Duration MAX_DEFERRED_RESULT_TTL = Duration.ofDays(7);

  static final String TTL = "ttl";
  static final String MAX_ENTRIES = "max_entries";
  static final String MAX_ENTRY_BYTES = "max_entry_bytes";
  static final String SHARED_FAILURE_THRESHOLD = "shared_failure_threshold";
  static final String SHARED_RETRY_AFTER = "shared_retry_after";
  static final String SHARED_LEASE = "shared_lease";
  static final String SHARED_LAPSE_GRACE = "shared_lapse_grace";
  static final String REDIS = "redis";

  /** The scalar keys of {@code cache}: these have environment overrides. */
  static final List<String> CACHE_SCALAR_KEYS =
      List.of(
          ENABLED,
          TTL,
          MAX_ENTRIES,
          MAX_ENTRY_BYTES,
          SHARED_FAILURE_THRESHOLD,
          SHARED_RETRY_AFTER,
          SHARED_LEASE,
          SHARED_LAPSE_GRACE);

  static final List<String> CACHE_KEYS = concat(CACHE_SCALAR_KEYS, REDIS);

  static final String ADDRESS = "address";
  static final String TIMEOUT = "timeout";
  static final String PASSWORD = "password";
  static final String KEY_PREFIX = "key_prefix";

  /** {@code cache.redis}: each has an override, {@code ATHENA_CACHE_REDIS_<KEY>}. */
  static final List<String> REDIS_KEYS = List.of(ADDRESS, TIMEOUT, PASSWORD, KEY_PREFIX);

  /** A slower Redis call than this would hold gateway requests up. */
  static final Duration MAX_REDIS_TIMEOUT = Duration.ofSeconds(10);

  /** Entries older than this are stale against writers outside Athena for too long. */
  static final Duration MAX_CACHE_TTL = Duration.ofHours(1);

  static final String FILE_SINKS = "file_sinks";
  static final String QUEUE_CAPACITY = "queue_capacity";
  static final List<String> TRACING_KEYS = List.of(FILE_SINKS, QUEUE_CAPACITY);

  /** The path of the nested {@code tracing.file_sinks} section. */
  static final String TRACING_FILE_SINKS = TRACING + "." + FILE_SINKS;

  static final String DIRECTORY = "directory";
  static final String MAX_FILE_BYTES = "max_file_bytes";
  static final String MAX_FILES = "max_files";
  static final List<String> FILE_SINKS_KEYS =
      List.of(ENABLED, DIRECTORY, MAX_FILE_BYTES, MAX_FILES);

  /** A rotated file smaller than this would rotate every few requests. */
  static final long MIN_TRACE_FILE_BYTES = 1024;

  static final int MAX_TRACE_FILES = 1000;

  /** The queue is an array of this many slots, allocated up front. */
  static final int MAX_TRACE_QUEUE_CAPACITY = 1_000_000;

  static final String PROBE_INTERVAL = "probe_interval";
  static final String PROBE_TIMEOUT = "probe_timeout";
  static final String MIRRORS = "mirrors";
  static final List<String> HEALTH_KEYS = List.of(PROBE_INTERVAL, PROBE_TIMEOUT, MIRRORS);

  /** Probes more often or shorter than this would only measure the prober itself. */
  static final Duration MIN_PROBE_DURATION = Duration.ofMillis(10);

  static final Duration MAX_PROBE_DURATION = Duration.ofHours(1);
  static final int MAX_MIRRORS = 32;
  static final String AUDIT_QUEUE_CAPACITY = "audit_queue_capacity";
  static final String AUDIT_BATCH_SIZE = "audit_batch_size";
  static final String AUDIT_FLUSH_INTERVAL = "audit_flush_interval";
  static final String CATALOG_RELOAD_INTERVAL = "catalog_reload_interval";
  static final String REQUEST_LOG_RETENTION = "request_log_retention";
  static final List<String> CONTROL_PLANE_KEYS =
      List.of(
          AUDIT_QUEUE_CAPACITY,
          AUDIT_BATCH_SIZE,
          AUDIT_FLUSH_INTERVAL,
          CATALOG_RELOAD_INTERVAL,
          REQUEST_LOG_RETENTION);

  static final String URI = "uri";
  static final String MAX_POOL_SIZE = "max_pool_size";
  static final String CONNECTION_TIMEOUT = "connection_timeout";
  static final String STATEMENT_TIMEOUT = "statement_timeout";
  static final List<String> CLIENT_KEYS =
      List.of(URI, MAX_POOL_SIZE, CONNECTION_TIMEOUT, STATEMENT_TIMEOUT);

  /** Durations are capped where PostgreSQL and the JDBC pool take int milliseconds. */
  static final Duration MAX_DURATION = Duration.ofMillis(Integer.MAX_VALUE);

  /** HikariCP silently replaces a connection timeout below 250ms with its default of 30s. */
  static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

  static final int MAX_POOL_SIZE_LIMIT = 10_000;

  private ConfigKeys() {}

  private static List<String> concat(List<String> keys, String key) {
    List<String> all = new ArrayList<>(keys);
    all.add(key);
    return List.copyOf(all);
  }
}
