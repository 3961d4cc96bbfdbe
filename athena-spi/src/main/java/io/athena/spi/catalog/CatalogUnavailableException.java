package io.athena.spi.catalog;

/** The catalog's store cannot be reached; callers keep their last good view. */
public class CatalogUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CatalogUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
