package io.athena.postgres.internal.jobs;

import io.athena.postgres.internal.SqlExceptions;
import io.athena.postgres.jobs.JobStoreException;
import io.athena.postgres.jobs.StoreUnavailableException;
import java.sql.SQLException;

/**
 * Translates JDBC failures of the job store into {@link JobStoreException}s, keyed on the SQLSTATE.
 * Messages hold PostgreSQL's primary message at most: never the Detail field, which can quote row
 * data such as payloads.
 */
final class SqlFailures {

  private SqlFailures() {}

  /** The exception to throw for {@code e}, raised while the store tried to {@code action}. */
  static JobStoreException translate(String action, SQLException e) {
    String state = e.getSQLState();
    String message = "Job store could not " + action + ": " + SqlExceptions.summary(e);
    if (SqlExceptions.isTransient(e)) {
      return new StoreUnavailableException(message, state, e);
    }
    return new JobStoreException(message, state, e);
  }
}
