package io.athena.spi;

/** The unchecked root of every exception Athena throws on purpose. */
public class AthenaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AthenaException(String message) {
    super(message);
  }

  public AthenaException(String message, Throwable cause) {
    super(message, cause);
  }
}
