package io.athena.spi.catalog;

/** A catalog row of that name exists already. */
public class CatalogConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CatalogConflictException(String message) {
    super(message);
  }
}
