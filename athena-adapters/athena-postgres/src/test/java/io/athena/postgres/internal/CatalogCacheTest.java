package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.TableRef;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CatalogCacheTest {
  private static final TableRef A = new TableRef("public", "a");
  private static final TableRef B = new TableRef("public", "b");

  /** A clock the test moves by hand. */
  private static final class SettableClock implements InstantSource {
    private Instant now = Instant.parse("2024-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  /** A database whose tables the test changes, counting catalog reads. */
  private static final class FakeDatabase implements CatalogCache.Loader {
    final List<String> tables = new ArrayList<>(List.of("a"));
    final AtomicInteger loads = new AtomicInteger();

    @Override
    public CatalogSnapshot load() {
      loads.incrementAndGet();
      List<TableInfo> infos = new ArrayList<>();
      for (String t : tables) {
        infos.add(new TableInfo("public", t, List.of()));
      }
      return CatalogSnapshot.of(infos);
    }
  }

  private final SettableClock clock = new SettableClock();
  private final FakeDatabase db = new FakeDatabase();
  private final CatalogCache cache = new CatalogCache("c", db, Duration.ofSeconds(60), clock);

  @Test
  void readsOnceWithinTheTtl() {
    cache.table(A);
    clock.advance(Duration.ofSeconds(59));
    cache.table(A);

    assertThat(db.loads).hasValue(1);
  }

  @Test
  void rereadsAfterTheTtl() {
    cache.table(A);
    clock.advance(Duration.ofSeconds(60));
    cache.table(A);

    assertThat(db.loads).hasValue(2);
  }

  @Test
  void aMissRereadsAtOnceSoNewTablesWorkImmediately() {
    cache.table(A);
    db.tables.add("b");
    clock.advance(Duration.ofSeconds(1));

    assertThat(cache.table(B).name()).isEqualTo("b");
    assertThat(db.loads).hasValue(2);
  }

  @Test
  void missesRereadAtMostOncePerSecond() {
    cache.table(A);
    clock.advance(Duration.ofMillis(1500));
    for (int i = 0; i < 50; i++) {
      assertThatThrownBy(() -> cache.table(B)).isInstanceOf(GatewayException.class);
    }
    assertThat(db.loads).hasValue(2);

    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> cache.table(B)).isInstanceOf(GatewayException.class);
    assertThat(db.loads).hasValue(3);
  }

  @Test
  void unknownTableNamesSchemaAndTable() {
    assertThatThrownBy(() -> cache.table(new TableRef("public", "nope")))
        .isInstanceOf(GatewayException.class)
        .hasMessage("Table 'public.nope' does not exist")
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(ErrorCode.UNKNOWN_TABLE);
  }

  @Test
  void invalidNamesNeverReachTheCatalog() {
    assertThatThrownBy(() -> cache.table(new TableRef("public", "a;drop")))
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(ErrorCode.INVALID_IDENTIFIER);
    assertThat(db.loads).hasValue(0);
  }

  @Test
  void refreshAfterMissReportsWhetherItReread() {
    cache.table(A);
    assertThat(cache.refreshAfterMiss()).isFalse();

    clock.advance(Duration.ofSeconds(2));
    assertThat(cache.refreshAfterMiss()).isTrue();
    assertThat(db.loads).hasValue(2);
  }

  @Test
  void aFailedReadIsTranslated() {
    CatalogCache down =
        new CatalogCache(
            "c",
            () -> {
              throw new SQLException("refused", "08001");
            },
            Duration.ofSeconds(60),
            clock);

    assertThatThrownBy(() -> down.table(A))
        .isInstanceOf(GatewayException.class)
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
  }
}
