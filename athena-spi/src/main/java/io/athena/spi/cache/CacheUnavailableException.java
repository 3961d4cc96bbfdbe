package io.athena.spi.cache;

import io.athena.spi.AthenaException;

/** A shared cache store could not answer in time (down, slow or unreachable). */
public class CacheUnavailableException extends AthenaException {
  private static final long serialVersionUID = 1L;

  public CacheUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
