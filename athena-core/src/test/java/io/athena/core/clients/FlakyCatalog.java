package io.athena.core.clients;

import io.athena.spi.catalog.CatalogClient;
import io.athena.spi.catalog.CatalogUnavailableException;
import io.athena.spi.catalog.ClientCatalog;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory catalog that can be taken down (every call throws {@link
 * CatalogUnavailableException}) and whose {@code list()} can be held mid-read, to race it against a
 * write.
 */
final class FlakyCatalog implements ClientCatalog {
  final InMemoryClientCatalog rows = new InMemoryClientCatalog();
  private volatile boolean down;
  private volatile CountDownLatch listRead;
  private volatile CountDownLatch listRelease;

  void down(boolean down) {
    this.down = down;
  }

  /** The next {@code list()} reads its rows, counts {@code read} down, then waits for release. */
  void holdNextList(CountDownLatch read, CountDownLatch release) {
    this.listRead = read;
    this.listRelease = release;
  }

  private void check() {
    if (down) {
      throw new CatalogUnavailableException("catalog down (test)", null);
    }
  }

  @Override
  public List<CatalogClient> list() {
    check();
    List<CatalogClient> list = rows.list();
    CountDownLatch read = listRead;
    CountDownLatch release = listRelease;
    if (read != null) {
      listRead = null;
      read.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return list;
  }

  @Override
  public Optional<CatalogClient> get(String name) {
    check();
    return rows.get(name);
  }

  @Override
  public CatalogClient create(CatalogClient client) {
    check();
    return rows.create(client);
  }

  @Override
  public Optional<CatalogClient> update(CatalogClient client) {
    check();
    return rows.update(client);
  }
}
