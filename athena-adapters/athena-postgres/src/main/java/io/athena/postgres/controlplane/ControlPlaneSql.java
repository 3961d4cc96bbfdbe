package io.athena.postgres.controlplane;

import io.athena.postgres.internal.migrations.SchemaName;
import io.athena.spi.telemetry.RequestLogQuery;

/**
 * Every statement of the control plane, for one schema: its single seam to PostgreSQL. The request
 * log takes batches through COPY; the statistics upserts bind their batches as arrays and unnest
 * them, so a batch of any size is one statement with a fixed number of parameters (and one cached
 * plan).
 */
final class ControlPlaneSql {
  static final String CLIENT_COLUMNS =
      "name, pg_uri, pg_uri_env_var, description, is_active, is_frozen, is_deleted, created_at,"
          + " updated_at";

  private final String clients;
  private final String requestLog;
  private final String clientStatistics;
  private final String tableStatistics;

  ControlPlaneSql(SchemaName schema) {
    this.clients = schema.table("athena_clients");
    this.requestLog = schema.table("gateway_request_log");
    this.clientStatistics = schema.table("client_statistics");
    this.tableStatistics = schema.table("client_table_statistics");
  }

  // ---- audit -----------------------------------------------------------------------------------

  /**
   * Appends a batch streamed in PostgreSQL's binary COPY format, as {@link AuditRows#encode} writes
   * it. COPY takes rows without planning or unnesting arrays: the cheapest way for the control
   * plane to take a batch.
   */
  String copyRequests() {
    return "COPY "
        + requestLog
        + " (created_at, request_id, client, method, path, status_code, duration_ms, table_name,"
        + " operation, cache_outcome, user_id, org_id, company_id, api_key_id, error_code, message,"
        + " cache_key, trace_id) FROM STDIN (FORMAT binary)";
  }

  /**
   * Deletes at most a chunk of request log rows older than a time: parameters the time, then the
   * chunk size. The BRIN index on {@code created_at} finds them; a chunk keeps each transaction
   * (and the locks and WAL it holds) small.
   */
  String pruneRequests() {
    return "DELETE FROM "
        + requestLog
        + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM "
        + requestLog
        + " WHERE created_at < ? LIMIT ?))";
  }

  /**
   * Adds one batch's counts per client (client, total, successful, failed, cached, last request
   * at). Rows are taken in the order given, sorted by key, so that nodes writing at once lock rows
   * in the same order and never deadlock.
   */
  String addClientStatistics() {
    return "INSERT INTO "
        + clientStatistics
        + " AS s (client_name, total_requests, successful_requests, failed_requests,"
        + " total_cached_requests, last_request_at)"
        + " SELECT client_name, total, successful, failed, cached, last_at FROM unnest(?::text[],"
        + " ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::timestamptz[]) WITH ORDINALITY"
        + " AS u(client_name, total, successful, failed, cached, last_at, ord) ORDER BY ord"
        + " ON CONFLICT (client_name) DO UPDATE SET"
        + " total_requests = s.total_requests + excluded.total_requests,"
        + " successful_requests = s.successful_requests + excluded.successful_requests,"
        + " failed_requests = s.failed_requests + excluded.failed_requests,"
        + " total_cached_requests = s.total_cached_requests + excluded.total_cached_requests,"
        + " last_request_at = greatest(s.last_request_at, excluded.last_request_at)";
  }

  /** Adds one batch's counts per (client, table, operation), sorted by key like the above. */
  String addTableStatistics() {
    return "INSERT INTO "
        + tableStatistics
        + " AS s (client_name, table_name, operation, total_operations, error_operations,"
        + " last_operation_at)"
        + " SELECT client_name, table_name, operation, total, errors, last_at FROM unnest("
        + "?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[], ?::timestamptz[]) WITH ORDINALITY"
        + " AS u(client_name, table_name, operation, total, errors, last_at, ord) ORDER BY ord"
        + " ON CONFLICT (client_name, table_name, operation) DO UPDATE SET"
        + " total_operations = s.total_operations + excluded.total_operations,"
        + " error_operations = s.error_operations + excluded.error_operations,"
        + " last_operation_at = greatest(s.last_operation_at, excluded.last_operation_at)";
  }

  // ---- statistics ------------------------------------------------------------------------------

  private static final String CLIENT_STATISTICS_COLUMNS =
      "client_name, total_requests, successful_requests, failed_requests, total_cached_requests,"
          + " last_request_at";

  String allClientStatistics() {
    return "SELECT " + CLIENT_STATISTICS_COLUMNS + " FROM " + clientStatistics + " ORDER BY 1";
  }

  String clientStatistics() {
    return "SELECT "
        + CLIENT_STATISTICS_COLUMNS
        + " FROM "
        + clientStatistics
        + " WHERE client_name = ?";
  }

  String tableStatistics() {
    return "SELECT table_name, operation, total_operations, error_operations, last_operation_at"
        + " FROM "
        + tableStatistics
        + " WHERE client_name = ? ORDER BY table_name, operation";
  }

  /**
   * The drilldown: parameters client, then the table and operation when the query has them, then
   * limit and offset. Filters are left out rather than written as {@code ? IS NULL OR ...}, so that
   * the planner sees which index fits.
   */
  String requests(RequestLogQuery query) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT created_at, request_id, operation, table_name, method, path, status_code,"
                + " duration_ms, error_code, message, cache_key FROM ");
    sql.append(requestLog).append(" WHERE client = ?");
    if (query.tableName() != null) {
      sql.append(" AND table_name = ?");
    }
    if (query.operation() != null) {
      sql.append(" AND operation = ?");
    }
    switch (query.status()) {
      case ERRORS -> sql.append(" AND status_code >= 400");
      case NORMAL -> sql.append(" AND status_code < 400");
      case ALL -> {}
    }
    return sql.append(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?").toString();
  }

  // ---- catalog ---------------------------------------------------------------------------------

  String listClients() {
    return "SELECT " + CLIENT_COLUMNS + " FROM " + clients + " ORDER BY name";
  }

  String getClient() {
    return "SELECT " + CLIENT_COLUMNS + " FROM " + clients + " WHERE name = ?";
  }

  /** Parameters: the nine client columns, deleted_at; nothing comes back for a taken name. */
  String createClient() {
    return "INSERT INTO "
        + clients
        + " ("
        + CLIENT_COLUMNS
        + ", deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (name) DO NOTHING RETURNING "
        + CLIENT_COLUMNS;
  }

  /**
   * Parameters: pg_uri, pg_uri_env_var, description, is_active, is_frozen, is_deleted, is_deleted
   * again, deleted_at (used when newly deleted), updated_at, name. The creation time is never
   * rewritten; a deletion keeps its first time, a revival clears it.
   */
  String updateClient() {
    return "UPDATE "
        + clients
        + " SET pg_uri = ?, pg_uri_env_var = ?, description = ?, is_active = ?, is_frozen = ?,"
        + " is_deleted = ?, deleted_at = CASE WHEN ?::boolean"
        + " THEN coalesce(deleted_at, ?::timestamptz) ELSE NULL END, updated_at = ?"
        + " WHERE name = ? RETURNING "
        + CLIENT_COLUMNS;
  }
}
