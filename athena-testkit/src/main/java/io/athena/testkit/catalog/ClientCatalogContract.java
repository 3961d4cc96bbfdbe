package io.athena.testkit.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.catalog.CatalogClient;
import io.athena.spi.catalog.CatalogConflictException;
import io.athena.spi.catalog.ClientCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClientCatalog} must do. Extend it and return a catalog from {@link #catalog()};
 * each test uses fresh names, so a catalog may be shared between tests. Timestamps are whole
 * microseconds, the precision a database keeps.
 */
public abstract class ClientCatalogContract {
  private static final Instant CREATED = Instant.parse("2030-01-01T00:00:00.123456Z");
  private static final Instant UPDATED = CREATED.plusSeconds(90);

  private ClientCatalog catalog;

  /** The catalog under test. */
  protected abstract ClientCatalog catalog();

  @BeforeEach
  void setUpCatalog() {
    catalog = catalog();
  }

  private static String freshName() {
    return "c_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  private static CatalogClient client(String name, String uri) {
    return new CatalogClient(
        name, uri, null, "orders of " + name, true, false, false, CREATED, CREATED);
  }

  @Test
  void aCreatedRowIsFoundAsItWasWritten() {
    String name = freshName();
    CatalogClient row = client(name, "postgres://app:s3cret@db:5432/orders?sslmode=disable");

    assertThat(catalog.create(row)).isEqualTo(row);
    assertThat(catalog.get(name)).contains(row);
    assertThat(catalog.list()).contains(row);
  }

  @Test
  void unknownNamesAreEmpty() {
    assertThat(catalog.get(freshName())).isEmpty();
  }

  @Test
  void aRowMayNameAnEnvironmentVariableInsteadOfAUri() {
    String name = freshName();
    CatalogClient row =
        new CatalogClient(name, null, "ORDERS_DB_URI", null, false, true, false, CREATED, CREATED);

    catalog.create(row);

    assertThat(catalog.get(name)).contains(row);
  }

  @Test
  void anOverrideRowHasNeitherUriNorVariable() {
    String name = freshName();
    CatalogClient override =
        new CatalogClient(name, null, null, null, true, true, false, CREATED, CREATED);

    catalog.create(override);

    assertThat(catalog.get(name)).contains(override);
  }

  @Test
  void aSecondRowOfTheSameNameIsAConflictAndChangesNothing() {
    String name = freshName();
    CatalogClient first = client(name, "postgres://db/one");
    catalog.create(first);

    assertThatThrownBy(() -> catalog.create(client(name, "postgres://db/two")))
        .isInstanceOf(CatalogConflictException.class);
    assertThat(catalog.get(name)).contains(first);
  }

  @Test
  void aSoftDeletedRowStillHoldsItsNameAndIsListed() {
    String name = freshName();
    catalog.create(client(name, "postgres://db/one"));
    CatalogClient deleted =
        new CatalogClient(
            name, "postgres://db/one", null, null, true, false, true, CREATED, UPDATED);

    assertThat(catalog.update(deleted)).contains(deleted);

    assertThatThrownBy(() -> catalog.create(client(name, "postgres://db/two")))
        .isInstanceOf(CatalogConflictException.class);
    assertThat(catalog.list()).contains(deleted);
    assertThat(catalog.get(name)).contains(deleted);
  }

  @Test
  void updateReplacesEveryFieldAndCanReviveADeletedRow() {
    String name = freshName();
    catalog.create(client(name, "postgres://db/one"));
    catalog.update(
        new CatalogClient(
            name, "postgres://db/one", null, null, true, false, true, CREATED, UPDATED));
    CatalogClient revived =
        new CatalogClient(
            name,
            null,
            "NEW_URI_VAR",
            "moved",
            false,
            true,
            false,
            CREATED,
            UPDATED.plusSeconds(1));

    assertThat(catalog.update(revived)).contains(revived);
    assertThat(catalog.get(name)).contains(revived);
  }

  @Test
  void updateOfAnUnknownNameIsEmptyAndCreatesNothing() {
    CatalogClient ghost = client(freshName(), "postgres://db/ghost");

    assertThat(catalog.update(ghost)).isEmpty();
    assertThat(catalog.get(ghost.name())).isEmpty();
  }

  @Test
  void listHoldsEveryRow() {
    String a = freshName();
    String b = freshName();
    catalog.create(client(a, "postgres://db/a"));
    catalog.create(client(b, "postgres://db/b"));

    assertThat(catalog.list()).extracting(CatalogClient::name).contains(a, b);
  }

  @Test
  void textIsKeptExactly() {
    String name = freshName();
    CatalogClient row =
        new CatalogClient(
            name,
            "postgresql://ü:p%40ss'\"word@db/naïve?application_name=x&options=-c%20a%3Db",
            null,
            "Grüße — 'quoted' \"text\" ; DROP TABLE x; --",
            true,
            false,
            false,
            CREATED,
            CREATED);

    catalog.create(row);

    assertThat(catalog.get(name)).contains(row);
  }

  @Test
  void ofConcurrentCreatesOfOneNameExactlyOneWins() throws Exception {
    String name = freshName();
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        CatalogClient row = client(name, "postgres://db/writer" + i);
        Callable<Boolean> create =
            () -> {
              start.await();
              try {
                catalog.create(row);
                return true;
              } catch (CatalogConflictException lost) {
                return false;
              }
            };
        outcomes.add(pool.submit(create));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> outcome : outcomes) {
        winners += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(winners).as("creates that succeeded").isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
