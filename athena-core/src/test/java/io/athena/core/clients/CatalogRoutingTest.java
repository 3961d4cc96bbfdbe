package io.athena.core.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.catalog.CatalogClient;
import io.athena.spi.catalog.CatalogUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry with a catalog: catalog clients come and go, flags apply, outages keep routing. */
class CatalogRoutingTest {
  private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

  private final RecordingBackend backend = new RecordingBackend("cfg");
  private final FlakyCatalog catalog = new FlakyCatalog();
  private final Map<String, String> env = new HashMap<>();
  private final ClientRegistry registry =
      new ClientRegistry(List.of(backend), catalog, Duration.ofHours(1), env::get);

  @AfterEach
  void close() {
    registry.close();
  }

  private static CatalogClient row(String name, String uri, boolean active, boolean frozen) {
    return new CatalogClient(name, uri, null, null, active, frozen, false, T, T);
  }

  private static CatalogClient deleted(CatalogClient row) {
    return new CatalogClient(
        row.name(), row.pgUri(), row.pgUriEnvVar(), null, row.active(), row.frozen(), true, T, T);
  }

  private void put(CatalogClient row) {
    if (catalog.rows.get(row.name()).isPresent()) {
      catalog.rows.update(row);
    } else {
      catalog.rows.create(row);
    }
  }

  private static void assertError(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
  }

  @Test
  void aCatalogClientIsRegisteredWithTheBackendThatSupportsItAndRouted() {
    put(row("orders", "fake://orders", true, false));

    registry.reload();

    assertThat(registry.resolve("orders")).isSameAs(backend);
    assertThat(backend.registered()).containsEntry("orders", "fake://orders");
    assertThat(registry.state("orders").orElseThrow())
        .extracting(ClientState::source, ClientState::poolConnected, ClientState::routable)
        .containsExactly(ClientSource.CATALOG, true, true);
    assertThat(registry.names()).containsExactly("cfg", "orders");
  }

  @Test
  void theCatalogIsFirstReadOnFirstUse() {
    put(row("orders", "fake://orders", true, false));

    assertThat(registry.resolve("orders")).isSameAs(backend);
  }

  @Test
  void aFrozenClientIsA403AndKeepsItsPool() {
    put(row("orders", "fake://orders", true, true));
    registry.reload();

    assertError(() -> registry.resolve("orders"), ErrorCode.CLIENT_FROZEN);
    assertThat(registry.isFrozen("orders")).isTrue();
    assertThat(backend.registered()).containsKey("orders");
  }

  @Test
  void anInactiveClientIsA404AndLosesItsPool() {
    put(row("orders", "fake://orders", true, false));
    registry.reload();
    put(row("orders", "fake://orders", false, false));
    registry.reload();

    assertError(() -> registry.resolve("orders"), ErrorCode.CLIENT_NOT_FOUND);
    assertThat(backend.registered()).doesNotContainKey("orders");
    assertThat(registry.state("orders").orElseThrow().active()).isFalse();
    assertThat(registry.names()).containsExactly("cfg");
  }

  @Test
  void aSoftDeletedClientLeavesRoutingAndTheBackend() {
    CatalogClient orders = row("orders", "fake://orders", true, false);
    put(orders);
    registry.reload();
    put(deleted(orders));
    registry.reload();

    assertError(() -> registry.resolve("orders"), ErrorCode.CLIENT_NOT_FOUND);
    assertThat(registry.state("orders")).isEmpty();
    assertThat(backend.calls).containsExactly("register orders fake://orders", "unregister orders");
  }

  @Test
  void aChangedUriMovesTheClient() {
    put(row("orders", "fake://old", true, false));
    registry.reload();
    put(row("orders", "fake://new", true, false));
    registry.reload();
    registry.reload();

    assertThat(backend.registered()).containsEntry("orders", "fake://new");
    assertThat(backend.calls)
        .containsExactly("register orders fake://old", "register orders fake://new");
  }

  @Test
  void aRowWithoutUriFreezesAndDeactivatesAConfiguredClient() {
    put(row("cfg", null, true, true));
    registry.reload();
    assertError(() -> registry.resolve("cfg"), ErrorCode.CLIENT_FROZEN);
    assertThat(registry.state("cfg").orElseThrow().source()).isEqualTo(ClientSource.CONFIG);

    put(row("cfg", null, false, false));
    registry.reload();
    assertError(() -> registry.resolve("cfg"), ErrorCode.CLIENT_NOT_FOUND);

    put(deleted(row("cfg", null, false, false)));
    registry.reload();
    assertThat(registry.resolve("cfg")).as("the override is gone").isSameAs(backend);
    assertThat(backend.calls).as("a configured client is never registered").isEmpty();
  }

  @Test
  void aUriOnARowOfAConfiguredClientIsIgnored() {
    put(row("cfg", "fake://elsewhere", true, true));
    registry.reload();

    assertError(() -> registry.resolve("cfg"), ErrorCode.CLIENT_FROZEN);
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void aUriVariableIsResolvedAtRegistration() {
    env.put("ORDERS_URI", "fake://from-env");
    catalog.rows.create(
        new CatalogClient("orders", null, "ORDERS_URI", null, true, false, false, T, T));
    catalog.rows.create(
        new CatalogClient("unset", null, "UNSET_URI", null, true, false, false, T, T));
    registry.reload();

    assertThat(backend.registered()).containsEntry("orders", "fake://from-env");
    assertError(() -> registry.resolve("unset"), ErrorCode.CLIENT_NOT_FOUND);
    assertThatThrownBy(() -> registry.resolve("unset")).hasMessageContaining("UNSET_URI");
    assertThat(registry.state("unset").orElseThrow().problem()).isPresent();
  }

  @Test
  void aUriNoBackendTakesIsReportedAndNotRetriedEveryReload() {
    put(row("bad", "fake://bad", true, false));
    put(row("alien", "mysql://db/x", true, false));
    registry.reload();
    registry.reload();

    assertError(() -> registry.resolve("bad"), ErrorCode.CLIENT_NOT_FOUND);
    assertThat(registry.state("bad").orElseThrow().problem().orElseThrow())
        .contains("cannot be used");
    assertThat(registry.state("alien").orElseThrow().problem().orElseThrow())
        .contains("no backend");
    assertThat(backend.calls).isEmpty();

    put(row("bad", "fake://fixed", true, false));
    registry.reload();
    assertThat(registry.resolve("bad")).isSameAs(backend);
  }

  @Test
  void anUnreadableCatalogKeepsTheLastGoodView() {
    put(row("orders", "fake://orders", true, false));
    registry.reload();
    catalog.down(true);

    assertThatThrownBy(registry::reload).isInstanceOf(CatalogUnavailableException.class);
    assertThat(registry.resolve("orders")).isSameAs(backend);
    assertThat(registry.resolve("cfg")).isSameAs(backend);
  }

  @Test
  void startingWhileTheCatalogIsDownLeavesConfiguredClientsRoutable() {
    catalog.down(true);

    registry.start();

    assertThat(registry.resolve("cfg")).isSameAs(backend);
  }

  @Test
  void aWriteAppliesAtOnceAndAReloadThatRacedItDoesNotUndoIt() throws Exception {
    registry.reload();
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    catalog.holdNextList(read, release);
    CompletableFuture<Void> staleReload = CompletableFuture.runAsync(registry::reload);
    assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();

    CatalogClient written = catalog.rows.create(row("orders", "fake://orders", true, false));
    registry.apply(written);
    assertThat(registry.resolve("orders")).isSameAs(backend);
    release.countDown();
    staleReload.get(30, TimeUnit.SECONDS);

    assertThat(registry.resolve("orders")).as("the stale read was not applied").isSameAs(backend);
  }

  @Test
  void reloadsRunOnTheirInterval() {
    try (ClientRegistry fast =
        new ClientRegistry(List.of(backend), catalog, Duration.ofMillis(20), env::get)) {
      fast.start();
      put(row("orders", "fake://orders", true, false));

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(fast.resolve("orders")).isSameAs(backend));
    }
  }
}
