package io.athena.testkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.athena.spi.cache.CacheEntry;
import io.athena.spi.cache.CacheStore;
import io.athena.spi.cache.GenerationRead;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CacheStore} must do. Extend it and implement {@link #newStore()}:
 *
 * <pre>{@code
 * class LocalCacheStoreTest extends CacheStoreContract {
 *   protected CacheStore newStore() {
 *     return new LocalCacheStore(1000);
 *   }
 * }
 * }</pre>
 *
 * <p>Keys and scopes are random per test, so a store shared by a test run (one Redis) need not be
 * emptied between tests. So are node names, and each test's leases live at times of its own (a
 * random hour of another century), so that leases left by other tests never lapse within its
 * window.
 */
public abstract class CacheStoreContract {
  private static final Duration TTL = Duration.ofMinutes(1);

  protected CacheStore store;
  private final String prefix = UUID.randomUUID().toString();
  private final Instant base =
      Instant.parse("2100-01-01T00:00:00Z")
          .plus(Duration.ofHours(ThreadLocalRandom.current().nextLong(1_000_000)));

  /** A store to test; closed after each test. */
  protected abstract CacheStore newStore();

  /**
   * Whether {@link CacheStore#evict} drops entries. A shared store may leave that to the TTL (its
   * entries are found stale by generation anyway): override to return false.
   */
  protected boolean evictsByScope() {
    return true;
  }

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private String key(String name) {
    return prefix + ":" + name;
  }

  private static CacheEntry entry(String scope, long generation, String body) {
    return new CacheEntry(scope, generation, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aMissingKeyIsEmpty() {
    assertThat(store.get(key("absent"))).isEmpty();
  }

  @Test
  void anEntryComesBackAsPut() {
    CacheEntry put = entry(key("client"), 7, "{\"status\":\"success\",\"data\":[]}");
    store.put(key("k"), put, TTL);
    assertThat(store.get(key("k"))).contains(put);
  }

  @Test
  void anEntryKeepsItsRowCount() {
    CacheEntry put =
        new CacheEntry(key("client"), 3, "[1,2]".getBytes(StandardCharsets.UTF_8), 2, at(90_000));
    store.put(key("k"), put, TTL);
    assertThat(store.get(key("k")).orElseThrow().rows()).isEqualTo(2);
    CacheEntry uncounted = entry(key("client"), 4, "x");
    store.put(key("u"), uncounted, TTL);
    assertThat(store.get(key("u")).orElseThrow().rows()).isEqualTo(CacheEntry.UNKNOWN_ROWS);
  }

  @Test
  void anEntryKeepsItsExpiryToTheMillisecond() {
    CacheEntry put =
        new CacheEntry(key("client"), 3, "x".getBytes(StandardCharsets.UTF_8), at(90_123));
    store.put(key("k"), put, TTL);
    assertThat(store.get(key("k"))).contains(put);
  }

  @Test
  void bodiesAreKeptByteForByte() {
    byte[] body = new byte[256 * 1024];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 31);
    }
    CacheEntry put = new CacheEntry(key("client"), Long.MAX_VALUE - 1, body);
    store.put(key("big"), put, TTL);
    assertThat(store.get(key("big")).orElseThrow().body()).isEqualTo(body);
  }

  @Test
  void aPutReplacesTheEntry() {
    store.put(key("k"), entry(key("c"), 1, "old"), TTL);
    store.put(key("k"), entry(key("c"), 2, "new"), TTL);
    assertThat(store.get(key("k"))).contains(entry(key("c"), 2, "new"));
  }

  @Test
  void anEntryExpiresAfterItsTtl() {
    store.put(key("short"), entry(key("c"), 1, "x"), Duration.ofMillis(200));
    store.put(key("long"), entry(key("c"), 1, "y"), TTL);
    await().atMost(Duration.ofSeconds(5)).until(() -> store.get(key("short")).isEmpty());
    assertThat(store.get(key("long"))).isPresent();
  }

  @Test
  void aGenerationStaysUntilAdvanced() {
    long first = store.generation(key("scope"));
    assertThat(store.generation(key("scope"))).isEqualTo(first);
    long advanced = store.advance(key("scope"));
    assertThat(advanced).isNotEqualTo(first);
    assertThat(store.generation(key("scope"))).isEqualTo(advanced);
  }

  @Test
  void advancingOneScopeLeavesOthersAlone() {
    long other = store.generation(key("other"));
    store.advance(key("scope"));
    assertThat(store.generation(key("other"))).isEqualTo(other);
  }

  @Test
  void concurrentAdvancesAllGetDistinctGenerations() throws Exception {
    String scope = key("busy");
    long before = store.generation(scope);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Long>> tasks = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        tasks.add(() -> store.advance(scope));
      }
      Set<Long> seen = new HashSet<>();
      for (Future<Long> f : pool.invokeAll(tasks)) {
        seen.add(f.get());
      }
      assertThat(seen).hasSize(200).doesNotContain(before);
      assertThat(store.generation(scope)).isIn(seen);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void evictDropsTheScopesEntriesOnly() {
    store.put(key("a"), entry(key("one"), 1, "a"), TTL);
    store.put(key("b"), entry(key("two"), 1, "b"), TTL);
    store.evict(key("one"));
    if (evictsByScope()) {
      assertThat(store.get(key("a"))).isEmpty();
    }
    assertThat(store.get(key("b"))).isPresent();
  }

  @Test
  void clearDropsEntriesButKeepsGenerations() {
    long generation = store.advance(key("scope"));
    store.put(key("k"), entry(key("scope"), generation, "x"), TTL);
    store.clear();
    assertThat(store.get(key("k"))).isEmpty();
    assertThat(store.generation(key("scope"))).isEqualTo(generation);
  }

  /** {@code millis} after this test's base time. */
  private Instant at(long millis) {
    return base.plusMillis(millis);
  }

  @Test
  void aGenerationReadWithoutLeasesIsTrusted() {
    long generation = store.advance(key("scope"));
    GenerationRead read = store.readGeneration(key("scope"), key("a"), at(0), at(-10_000));
    assertThat(read.generation()).isEqualTo(generation);
    assertThat(read.isTrusted()).isTrue();
  }

  @Test
  void aReadTellsTheReaderWhetherItsOwnLeaseIsOnRecord() {
    assertThat(store.readGeneration(key("scope"), key("a"), at(0), at(-10_000)).readerLeased())
        .as("never renewed")
        .isFalse();
    store.renewLease(key("a"), at(2_000), at(-10_000));
    assertThat(store.readGeneration(key("scope"), key("a"), at(3_000), at(-7_000)).readerLeased())
        .as("on record, even lapsed")
        .isTrue();
    store.dropLease(key("a"));
    assertThat(store.readGeneration(key("scope"), key("a"), at(3_000), at(-7_000)).readerLeased())
        .isFalse();
  }

  @Test
  void aLiveLeaseKeepsTheGenerationTrusted() {
    store.renewLease(key("a"), at(2_000), at(-10_000));
    assertThat(store.readGeneration(key("scope"), key("b"), at(1_999), at(-8_001)).isTrusted())
        .isTrue();
  }

  @Test
  void anotherNodesLapsedLeaseIsReportedUntilItIsForgotten() {
    store.renewLease(key("a"), at(2_000), at(-10_000));
    GenerationRead lapsed = store.readGeneration(key("scope"), key("b"), at(2_000), at(-8_000));
    assertThat(lapsed.lapsedNode()).contains(key("a"));
    assertThat(store.readGeneration(key("scope"), key("b"), at(12_000), at(2_000)).lapsedNode())
        .as("lapsed exactly at the grace's start: still remembered")
        .contains(key("a"));
    assertThat(store.readGeneration(key("scope"), key("b"), at(12_001), at(2_001)).isTrusted())
        .as("forgotten")
        .isTrue();
  }

  @Test
  void aNodeIsNotDistrustedForItsOwnLapsedLease() {
    store.renewLease(key("a"), at(2_000), at(-10_000));
    assertThat(store.readGeneration(key("scope"), key("a"), at(3_000), at(-7_000)).isTrusted())
        .isTrue();
  }

  @Test
  void renewingMovesTheExpiry() {
    store.renewLease(key("a"), at(2_000), at(-10_000));
    store.renewLease(key("a"), at(4_000), at(-8_000));
    assertThat(store.readGeneration(key("scope"), key("b"), at(3_000), at(-7_000)).isTrusted())
        .isTrue();
  }

  @Test
  void aDroppedLeaseNeverLapses() {
    store.renewLease(key("a"), at(2_000), at(-10_000));
    store.dropLease(key("a"));
    assertThat(store.readGeneration(key("scope"), key("b"), at(3_000), at(-7_000)).isTrusted())
        .isTrue();
  }

  @Test
  void aReadReportsTheGenerationEvenWhenALeaseLapsed() {
    long generation = store.advance(key("scope"));
    store.renewLease(key("a"), at(2_000), at(-10_000));
    assertThat(store.readGeneration(key("scope"), key("b"), at(3_000), at(-7_000)).generation())
        .isEqualTo(generation);
  }
}
