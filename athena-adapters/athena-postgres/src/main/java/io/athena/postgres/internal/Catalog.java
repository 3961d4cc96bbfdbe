package io.athena.postgres.internal;

import io.athena.spi.GatewayException;
import io.athena.spi.TableRef;

/** What the compiler may reference: the tables, views and columns of one client's database. */
interface Catalog {

  /**
   * The table or view {@code ref} names.
   *
   * @throws GatewayException {@code INVALID_IDENTIFIER} when a name fails the grammar, {@code
   *     UNKNOWN_TABLE} when no such relation exists
   */
  TableInfo table(TableRef ref);

  /**
   * Called after a compile failed on an unknown column: re-reads the catalog if it may have changed
   * and reports whether it did, so that the caller compiles once more.
   */
  default boolean refreshAfterMiss() {
    return false;
  }
}
