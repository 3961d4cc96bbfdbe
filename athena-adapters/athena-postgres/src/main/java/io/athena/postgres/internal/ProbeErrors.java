package io.athena.postgres.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Why a probe failed, in words an operator may read on {@code /health/cluster}: the kind of
 * failure, PostgreSQL's primary message when the server sent one (with the names it quotes blanked:
 * "password authentication failed for user "..."" would otherwise tell anyone the role), and the
 * SQLSTATE. Never the driver's free text (it can name hosts and users of other systems) and never a
 * URI or password, since the probe's failure travels to an unauthenticated route.
 */
final class ProbeErrors {
  private ProbeErrors() {}

  /**
   * @param wait how long the probe waited for a pooled connection, named when that wait ran out
   */
  static String describe(SQLException e, Duration wait) {
    String cause = cause(e);
    String state = sqlState(e);
    StringBuilder text = new StringBuilder();
    if (e instanceof SQLTransientConnectionException) {
      text.append("no connection within ").append(wait.toMillis()).append("ms");
      if (cause != null) {
        text.append(": ").append(cause);
      }
    } else if (cause != null) {
      text.append(cause);
    } else {
      text.append(state != null && state.startsWith("08") ? "connection failed" : "query failed");
    }
    if (state != null) {
      text.append(" (SQLSTATE ").append(state).append(')');
    }
    return text.toString();
  }

  /** What went wrong underneath, in our words or the server's; null when nothing tells. */
  private static String cause(SQLException e) {
    String server = serverMessage(e);
    if (server != null) {
      return server;
    }
    Throwable root = rootCause(e);
    if (root instanceof ConnectException) {
      return "connection refused";
    }
    if (root instanceof SocketTimeoutException) {
      return "timed out waiting for the database";
    }
    if (root instanceof UnknownHostException) {
      return "unknown host";
    }
    if (root instanceof NoRouteToHostException) {
      return "no route to host";
    }
    return null;
  }

  /** A name PostgreSQL quotes in a message: a role, database, schema or table. */
  private static final Pattern QUOTED_NAME = Pattern.compile("\"[^\"]*\"");

  /**
   * The primary message PostgreSQL sent, without Detail or Hint and with its quoted names blanked;
   * null if none came.
   */
  private static String serverMessage(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PSQLException p) {
        ServerErrorMessage server = p.getServerErrorMessage();
        if (server != null && server.getMessage() != null) {
          return QUOTED_NAME.matcher(server.getMessage()).replaceAll("\"...\"");
        }
      }
    }
    return null;
  }

  /** The first SQLSTATE along the cause chain; Hikari's own timeout has none. */
  private static String sqlState(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null && !s.getSQLState().isEmpty()) {
        return s.getSQLState();
      }
    }
    return null;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
