package io.athena.spi.limits;

import io.athena.spi.AthenaException;

/** A shared limits store could not answer in time (down, slow or unreachable). */
public class LimitsUnavailableException extends AthenaException {
  private static final long serialVersionUID = 1L;

  public LimitsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
