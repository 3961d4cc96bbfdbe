package io.athena.spi.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Where runtime-managed clients live (the control-plane database, or memory for one process). Every
 * Athena node re-reads {@link #list()} on an interval, so a change made on one node reaches the
 * others within that interval.
 *
 * <p>Implementations throw {@link CatalogUnavailableException} when their store cannot be reached.
 */
public interface ClientCatalog extends AutoCloseable {

  /** Every row, soft-deleted ones included. */
  List<CatalogClient> list();

  /** One row by name, soft-deleted or not. */
  Optional<CatalogClient> get(String name);

  /**
   * Adds a row.
   *
   * @throws CatalogConflictException when a row of that name exists (a soft-deleted one included:
   *     {@link #update} revives it)
   */
  CatalogClient create(CatalogClient client);

  /** Replaces the row named {@code client.name()}; empty when there is none. */
  Optional<CatalogClient> update(CatalogClient client);

  @Override
  default void close() {}
}
