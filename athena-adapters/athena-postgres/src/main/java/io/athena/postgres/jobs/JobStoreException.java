package io.athena.postgres.jobs;

import io.athena.spi.AthenaException;

/**
 * The PostgreSQL job store could not do what was asked. The message names the operation, the job or
 * daemon involved and PostgreSQL's own primary message with its SQLSTATE; the {@link
 * java.sql.SQLException} is kept as the cause.
 */
public class JobStoreException extends AthenaException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  public JobStoreException(String message, String sqlState, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  /** The SQLSTATE PostgreSQL (or the driver) reported, or null. */
  public String sqlState() {
    return sqlState;
  }

  /**
   * Whether the same call may well succeed later without anyone changing anything. False here: a
   * permission problem or an unexpected schema needs a person.
   */
  public boolean isTransient() {
    return false;
  }
}
