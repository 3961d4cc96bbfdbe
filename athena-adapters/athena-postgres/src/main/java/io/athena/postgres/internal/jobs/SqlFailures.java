package io.athena.postgres.internal.jobs;

import io.athena.postgres.jobs.JobStoreException;
import io.athena.postgres.jobs.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates JDBC failures of the job store into {@link JobStoreException}s, keyed on the SQLSTATE.
 * Messages hold PostgreSQL's primary message at most: never the Detail field, which can quote row
 * data such as payloads.
 */
final class SqlFailures {

  // 53300 too many connections, 57P01-03 shutdown / crash / not yet accepting connections,
  // 57014 statement timeout, 40001 / 40P01 serialization failure / deadlock, 55P03 lock timeout
  private static final Set<String> UNAVAILABLE_STATES =
      Set.of("53300", "57P01", "57P02", "57P03", "57014", "40001", "40P01", "55P03");

  private SqlFailures() {}

  /** The exception to throw for {@code e}, raised while the store tried to {@code action}. */
  static JobStoreException translate(String action, SQLException e) {
    String state = e.getSQLState();
    String message =
        "Job store could not "
            + action
            + ": "
            + primaryMessage(e)
            + (state == null ? "" : " (SQLSTATE " + state + ")");
    if (isUnavailable(e, state)) {
      return new StoreUnavailableException(message, state, e);
    }
    return new JobStoreException(message, state, e);
  }

  static boolean isUnavailable(SQLException e, String state) {
    // HikariCP's "connection is not available, request timed out" is an SQLTransient... exception
    if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
      return true;
    }
    return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
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
