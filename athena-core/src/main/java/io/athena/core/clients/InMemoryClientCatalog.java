package io.athena.core.clients;

import io.athena.spi.catalog.CatalogClient;
import io.athena.spi.catalog.CatalogConflictException;
import io.athena.spi.catalog.ClientCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client catalog in memory: this JVM only, lost on restart. The default of an {@code Athena}
 * without a shared catalog, so that {@code /admin/clients} works in one process; several {@code
 * Athena}s in one JVM may share one instance. Rows are listed in the order they were created.
 */
public final class InMemoryClientCatalog implements ClientCatalog {
  private final Map<String, CatalogClient> rows = new LinkedHashMap<>();

  @Override
  public synchronized List<CatalogClient> list() {
    return List.copyOf(rows.values());
  }

  @Override
  public synchronized Optional<CatalogClient> get(String name) {
    return Optional.ofNullable(rows.get(name));
  }

  @Override
  public synchronized CatalogClient create(CatalogClient client) {
    Objects.requireNonNull(client, "client");
    if (rows.containsKey(client.name())) {
      throw new CatalogConflictException("client '" + client.name() + "' exists in the catalog");
    }
    rows.put(client.name(), client);
    return client;
  }

  @Override
  public synchronized Optional<CatalogClient> update(CatalogClient client) {
    Objects.requireNonNull(client, "client");
    if (!rows.containsKey(client.name())) {
      return Optional.empty();
    }
    rows.put(client.name(), client);
    return Optional.of(client);
  }
}
