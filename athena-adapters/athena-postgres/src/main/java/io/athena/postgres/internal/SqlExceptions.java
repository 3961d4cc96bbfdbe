package io.athena.postgres.internal;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What the stores need to know about a JDBC failure: whether it means "the database is not
 * reachable or busy right now, try again later" rather than "this statement is wrong" (they retry
 * or answer 503 on the first kind only), and a summary safe to log.
 */
public final class SqlExceptions {

  // 53300 too many connections, 57P01-03 shutdown / crash / not yet accepting connections,
  // 57014 statement timeout, 40001 / 40P01 serialization failure / deadlock, 55P03 lock timeout
  private static final Set<String> TRANSIENT_STATES =
      Set.of("53300", "57P01", "57P02", "57P03", "57014", "40001", "40P01", "55P03");

  private SqlExceptions() {}

  /** Whether {@code e} (with its SQLSTATE) is worth retrying later. */
  public static boolean isTransient(SQLException e) {
    // HikariCP's "connection is not available, request timed out" is an SQLTransient... exception
    if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
      return true;
    }
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state));
  }

  /**
   * PostgreSQL's primary message and the SQLSTATE: never the Detail field, which can quote row
   * data.
   */
  public static String summary(SQLException e) {
    String state = e.getSQLState();
    return primaryMessage(e) + (state == null ? "" : " (SQLSTATE " + state + ")");
  }

  private static String primaryMessage(SQLException e) {
    if (e instanceof PSQLException p) {
      ServerErrorMessage server = p.getServerErrorMessage();
      if (server != null && server.getMessage() != null) {
        return server.getMessage();
      }
    }
    return String.valueOf(e.getMessage());
  }
}
