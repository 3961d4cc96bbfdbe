package io.athena.spi.auth;

import io.athena.spi.AthenaException;

/** The key store's storage did not answer; retrying later may help. */
public class KeyStoreUnavailableException extends AthenaException {
  private static final long serialVersionUID = 1L;

  public KeyStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Always true: an outage is expected to pass. */
  public boolean isTransient() {
    return true;
  }
}
