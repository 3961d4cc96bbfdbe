/**
 * The database-backed client catalog: clients added, changed, frozen or removed at runtime (through
 * {@code /admin/clients}) and seen by every Athena node sharing the catalog.
 */
package io.athena.spi.catalog;
