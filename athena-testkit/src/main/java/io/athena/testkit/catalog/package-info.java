/**
 * The compatibility suite every {@link io.athena.spi.catalog.ClientCatalog} implementation extends.
 */
package io.athena.testkit.catalog;
