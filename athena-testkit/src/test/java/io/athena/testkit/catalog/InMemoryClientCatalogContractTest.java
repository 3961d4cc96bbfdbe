package io.athena.testkit.catalog;

import io.athena.core.clients.InMemoryClientCatalog;
import io.athena.spi.catalog.ClientCatalog;

class InMemoryClientCatalogContractTest extends ClientCatalogContract {
  @Override
  protected ClientCatalog catalog() {
    return new InMemoryClientCatalog();
  }
}
