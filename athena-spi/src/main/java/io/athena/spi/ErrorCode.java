package io.athena.spi;

/**
 * The stable error codes of the HTTP contract. Callers branch on the HTTP status and the {@link
 * #code()} string; both are part of the wire contract and never change meaning.
 */
public enum ErrorCode {
  INVALID_JSON(400, "invalid_json"),
  INVALID_REQUEST(400, "invalid_request"),
  MISSING_CLIENT_HEADER(400, "missing_client_header"),
  INVALID_IDENTIFIER(400, "invalid_identifier"),
  UNKNOWN_TABLE(400, "unknown_table"),
  UNKNOWN_COLUMN(400, "unknown_column"),
  INVALID_OPERATOR(400, "invalid_operator"),
  INVALID_VALUE(400, "invalid_value"),
  QUERY_FAILED(400, "query_failed"),
  UNAUTHORIZED(401, "unauthorized"),
  KEY_EXPIRED(401, "key_expired"),
  KEY_INACTIVE(401, "key_inactive"),
  FORBIDDEN(403, "forbidden"),
  ADMIN_KEY_REQUIRED(403, "admin_key_required"),
  CLIENT_FROZEN(403, "client_frozen"),
  CLIENT_MISMATCH(403, "client_mismatch"),
  CLIENT_NOT_FOUND(404, "client_not_found"),
  ROUTE_NOT_FOUND(404, "route_not_found"),
  JOB_NOT_FOUND(404, "job_not_found"),
  KEY_NOT_FOUND(404, "key_not_found"),
  DEFERRED_REQUEST_NOT_FOUND(404, "deferred_request_not_found"),
  /** A route that reads the control plane, on a deployment without one. */
  CONTROL_PLANE_DISABLED(404, "control_plane_disabled"),
  METHOD_NOT_ALLOWED(405, "method_not_allowed"),
  UNIQUE_VIOLATION(409, "unique_violation"),
  CONSTRAINT_VIOLATION(409, "constraint_violation"),
  CLIENT_EXISTS(409, "client_exists"),
  CLIENT_IN_CONFIG(409, "client_in_config"),
  PAYLOAD_TOO_LARGE(413, "payload_too_large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
  RATE_LIMITED(429, "rate_limited"),
  OVERLOADED(429, "overloaded"),
  STATEMENT_TIMEOUT(503, "statement_timeout"),
  DATABASE_UNAVAILABLE(503, "database_unavailable"),
  KEY_STORE_UNAVAILABLE(503, "key_store_unavailable"),
  CATALOG_UNAVAILABLE(503, "catalog_unavailable"),
  INTERNAL_ERROR(500, "internal_error");

  private final int httpStatus;
  private final String code;

  ErrorCode(int httpStatus, String code) {
    this.httpStatus = httpStatus;
    this.code = code;
  }

  /** The HTTP status this error answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The stable, snake_case code carried in the error envelope's {@code code} field. */
  public String code() {
    return code;
  }
}
