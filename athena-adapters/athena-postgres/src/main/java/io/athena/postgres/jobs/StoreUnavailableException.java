package io.athena.postgres.jobs;

/**
 * The job store's database cannot be reached or is refusing work right now: no connection within
 * the pool's timeout, a dropped connection, a server shutting down or out of connection slots, a
 * statement timeout, or a serialization failure. Callers retry later; background loops log it once
 * and keep going.
 */
public class StoreUnavailableException extends JobStoreException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }

  /** Always true: waiting and trying again is the right move. */
  @Override
  public boolean isTransient() {
    return true;
  }
}
