package io.athena.spi.telemetry;

/** The control-plane database cannot be reached (or failed); the caller may retry later. */
public class ControlPlaneUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ControlPlaneUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
