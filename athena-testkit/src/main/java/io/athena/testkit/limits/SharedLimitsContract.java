package io.athena.testkit.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.limits.SharedLimits;
import io.athena.spi.limits.SlotGrant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SharedLimits} store must do. Extend it and implement {@link #newStore()}.
 *
 * <p>Bucket and pool names are random per test, so a store shared by a test run (one Redis) need
 * not be emptied between tests. Times are given, never slept: {@code now} moves by arithmetic.
 */
public abstract class SharedLimitsContract {
  protected SharedLimits store;
  private final String prefix = UUID.randomUUID() + ":";
  private final Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  /** A store to test; closed after each test. */
  protected abstract SharedLimits newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private String name(String name) {
    return prefix + name;
  }

  private Instant at(long millis) {
    return base.plusMillis(millis);
  }

  private SlotGrant take(String slot, String pool, int limit, long now, long expires) {
    return store.takeSlots(slot, Map.of(name(pool), limit), at(now), at(expires));
  }

  @Test
  void aNewBucketAllowsTheBurstThenAsksToWait() {
    for (int i = 0; i < 3; i++) {
      assertThat(store.takeToken(name("b"), 1, 3, at(0))).as("token %d", i).isZero();
    }
    Duration wait = store.takeToken(name("b"), 1, 3, at(0));
    assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void tokensRefillAtTheRate() {
    for (int i = 0; i < 2; i++) {
      store.takeToken(name("b"), 2, 2, at(0));
    }
    assertThat(store.takeToken(name("b"), 2, 2, at(0))).isPositive();
    assertThat(store.takeToken(name("b"), 2, 2, at(500))).as("one token after 1/rate").isZero();
    assertThat(store.takeToken(name("b"), 2, 2, at(500))).isPositive();
  }

  @Test
  void aBucketNeverHoldsMoreThanItsBurst() {
    store.takeToken(name("b"), 10, 2, at(0));
    long later = Duration.ofHours(1).toMillis();
    assertThat(store.takeToken(name("b"), 10, 2, at(later))).isZero();
    assertThat(store.takeToken(name("b"), 10, 2, at(later))).isZero();
    assertThat(store.takeToken(name("b"), 10, 2, at(later))).isPositive();
  }

  @Test
  void bucketsAreIndependent() {
    store.takeToken(name("one"), 1, 1, at(0));
    assertThat(store.takeToken(name("one"), 1, 1, at(0))).isPositive();
    assertThat(store.takeToken(name("two"), 1, 1, at(0))).isZero();
  }

  @Test
  void aPoolHoldsUpToItsLimit() {
    assertThat(take("a", "p", 2, 0, 60_000)).isEqualTo(SlotGrant.TAKEN);
    assertThat(take("b", "p", 2, 0, 60_000)).isEqualTo(SlotGrant.TAKEN);
    assertThat(take("c", "p", 2, 0, 60_000)).isEqualTo(SlotGrant.FULL);
    store.releaseSlots("a", List.of(name("p")));
    assertThat(take("c", "p", 2, 0, 60_000)).isEqualTo(SlotGrant.TAKEN);
  }

  @Test
  void slotsAreTakenInAllPoolsOrInNone() {
    take("x", "narrow", 1, 0, 60_000);
    SlotGrant both =
        store.takeSlots("y", Map.of(name("wide"), 1, name("narrow"), 1), at(0), at(60_000));
    assertThat(both).isEqualTo(SlotGrant.FULL);
    assertThat(take("z", "wide", 1, 0, 60_000))
        .as("y holds nothing in 'wide'")
        .isEqualTo(SlotGrant.TAKEN);
  }

  @Test
  void aLapsedSlotNoLongerCounts() {
    take("a", "p", 1, 0, 1_000);
    assertThat(take("b", "p", 1, 999, 60_000)).isEqualTo(SlotGrant.FULL);
    assertThat(take("b", "p", 1, 1_000, 60_000)).isEqualTo(SlotGrant.TAKEN);
  }

  @Test
  void aRenewedSlotKeepsCounting() {
    take("a", "p", 1, 0, 1_000);
    store.renewSlots(Map.of("a", List.of(name("p"))), at(10_000));
    assertThat(take("b", "p", 1, 2_000, 60_000)).isEqualTo(SlotGrant.FULL);
  }

  @Test
  void renewingAReleasedSlotDoesNotBringItBack() {
    take("a", "p", 1, 0, 1_000);
    store.releaseSlots("a", List.of(name("p")));
    store.releaseSlots("a", List.of(name("p"))); // twice is harmless
    store.renewSlots(Map.of("a", List.of(name("p"))), at(10_000));
    assertThat(take("b", "p", 1, 0, 60_000)).isEqualTo(SlotGrant.TAKEN);
  }

  @Test
  void concurrentTakesNeverExceedTheLimit() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<SlotGrant>> tasks = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String slot = "s" + i;
        tasks.add(() -> take(slot, "busy", 10, 0, 60_000));
      }
      long taken = 0;
      for (Future<SlotGrant> f : pool.invokeAll(tasks)) {
        taken += f.get() == SlotGrant.TAKEN ? 1 : 0;
      }
      assertThat(taken).isEqualTo(10);
    } finally {
      pool.shutdownNow();
    }
  }
}
