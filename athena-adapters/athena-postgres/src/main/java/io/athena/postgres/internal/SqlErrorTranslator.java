package io.athena.postgres.internal;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates JDBC failures into {@link GatewayException}s with stable codes, keyed on the SQLSTATE.
 * Messages shown to callers are PostgreSQL's primary message at most: never our SQL, and never the
 * Detail, Where or internal-query fields, which can quote other rows' data.
 */
final class SqlErrorTranslator {
  private static final Logger LOG = LoggerFactory.getLogger(SqlErrorTranslator.class);

  /** Seconds to wait after a statement timeout: the next attempt may well succeed. */
  static final int TIMEOUT_RETRY_AFTER_SECONDS = 1;

  /** Seconds to wait while the database is unreachable or refusing connections. */
  static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

  private static final Set<String> UNAVAILABLE_STATES = Set.of("53300", "57P01", "57P02", "57P03");

  /**
   * What produced the failing statement: decides whether a syntax error is ours or the caller's.
   */
  enum Origin {
    /** A statement compiled from a gateway operation: its syntax is our responsibility. */
    COMPILED,
    /** The caller's raw SQL. */
    RAW_QUERY,
    /** The catalog query. */
    CATALOG
  }

  private SqlErrorTranslator() {}

  /** The gateway error for {@code e}, keeping {@code e} as the cause. */
  static GatewayException translate(SQLException e, String client, Origin origin) {
    if (e instanceof SQLTransientConnectionException) {
      return unavailable(e, client, e.getSQLState());
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String primary = primaryMessage(e);
    if (state.equals("23505")) {
      return error(ErrorCode.UNIQUE_VIOLATION, or(primary, "Unique constraint violated"), e, state);
    }
    if (state.startsWith("23")) {
      return error(ErrorCode.CONSTRAINT_VIOLATION, or(primary, "Constraint violated"), e, state);
    }
    if (state.startsWith("22") || state.equals("42804")) {
      return error(ErrorCode.INVALID_VALUE, or(primary, "Invalid value"), e, state);
    }
    if (state.equals("57014")) {
      return new GatewayException(
          ErrorCode.STATEMENT_TIMEOUT,
          or(primary, "The statement was cancelled after the statement timeout"),
          e,
          TIMEOUT_RETRY_AFTER_SECONDS,
          Map.of("sqlstate", state));
    }
    if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)) {
      return unavailable(e, client, state);
    }
    return syntaxOrInternal(e, client, origin, state, primary);
  }

  private static GatewayException syntaxOrInternal(
      SQLException e, String client, Origin origin, String state, String primary) {
    if (state.equals("42703")) {
      return error(ErrorCode.UNKNOWN_COLUMN, or(primary, "Unknown column"), e, state);
    }
    if (state.equals("42P01")) {
      return error(ErrorCode.UNKNOWN_TABLE, or(primary, "Unknown table"), e, state);
    }
    if (state.equals("25006")) {
      // a write inside the READ ONLY transaction of a client whose raw SQL is read-only
      return error(ErrorCode.FORBIDDEN, "Raw SQL is read-only for this client", e, state);
    }
    boolean ourSyntax = origin != Origin.RAW_QUERY && state.equals("42601");
    if (state.startsWith("42") && !ourSyntax) {
      return error(ErrorCode.QUERY_FAILED, or(primary, "Query failed"), e, state);
    }
    LOG.warn(
        "postgres client '{}': unexpected {} error, SQLSTATE {}",
        client,
        origin,
        or(state, "-"),
        e);
    return error(ErrorCode.INTERNAL_ERROR, "Internal error while running the operation", e, state);
  }

  private static GatewayException unavailable(SQLException e, String client, String state) {
    return new GatewayException(
        ErrorCode.DATABASE_UNAVAILABLE,
        "The database of client '" + client + "' is unavailable",
        e,
        UNAVAILABLE_RETRY_AFTER_SECONDS,
        state == null || state.isEmpty() ? Map.of() : Map.of("sqlstate", state));
  }

  private static GatewayException error(
      ErrorCode code, String message, SQLException e, String state) {
    Map<String, Object> details = state.isEmpty() ? Map.of() : Map.of("sqlstate", state);
    return new GatewayException(code, message, e, null, details);
  }

  // Only the server's primary message: getMessage() would add Detail/Where/Position.
  private static String primaryMessage(SQLException e) {
    if (e instanceof PSQLException p) {
      ServerErrorMessage server = p.getServerErrorMessage();
      if (server != null) {
        return server.getMessage();
      }
    }
    return null;
  }

  private static String or(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
