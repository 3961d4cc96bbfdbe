package io.athena.core.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.config.CacheConfig;
import io.athena.spi.cache.CacheEntry;
import io.athena.spi.cache.CacheStore;
import io.athena.spi.cache.CacheUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The tiers, generations and the circuit around a shared tier that can fail. */
class ReadCacheTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final InstantSource clock = now::get;
  private final FlakyStore shared = new FlakyStore(new LocalCacheStore(100));
  private final LocalCacheStore local = new LocalCacheStore(100);
  private final ReadCache cache =
      new ReadCache(
          CacheConfig.enabledDefaults().withSharedCircuit(2, Duration.ofSeconds(10)),
          local,
          shared,
          clock,
          new SimpleMeterRegistry());

  private CacheOutcome missThenStore(String key) {
    Lookup lookup = cache.lookup("app", key, false);
    if (lookup.storable()) {
      cache.store(lookup, key.getBytes(UTF_8));
    }
    return lookup.outcome();
  }

  @Test
  void sharedEntriesServeOtherNodes() {
    assertThat(missThenStore("k")).isEqualTo(CacheOutcome.MISS);
    local.clear(); // another node: nothing local
    assertThat(cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.HIT_SHARED);
    assertThat(cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.HIT_LOCAL);
  }

  @Test
  void anAdvanceElsewhereMakesLocalEntriesStale() {
    missThenStore("k");
    shared.delegate.advance("app"); // a write on another node
    assertThat(cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.MISS);
  }

  @Test
  void aDownSharedTierBypassesEvenTheLocalTier() {
    missThenStore("k");
    shared.down = true;
    assertThat(cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.BYPASS);
    assertThat(local.size()).as("unverifiable entries are dropped").isZero();
  }

  @Test
  void theCircuitOpensThenProbesAfterRetryAfter() {
    shared.down = true;
    cache.lookup("app", "k", false);
    cache.lookup("app", "k", false);
    int callsWhenOpened = shared.calls;
    shared.down = false;
    assertThat(cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.BYPASS);
    assertThat(shared.calls).as("open: no calls").isEqualTo(callsWhenOpened);
    now.set(now.get().plusSeconds(10));
    assertThat(missThenStore("k")).isEqualTo(CacheOutcome.MISS);
    assertThat(cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.HIT_LOCAL);
  }

  @Test
  void aWriteThatCouldNotReachTheSharedTierIsAdvancedOnRecovery() {
    missThenStore("k");
    long before = shared.delegate.generation("app");
    shared.down = true;
    cache.invalidate("app");
    shared.down = false;
    now.set(now.get().plusSeconds(10));
    assertThat(cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.MISS);
    assertThat(shared.delegate.generation("app")).isNotEqualTo(before);
  }

  /** A store that fails every call while {@code down}. */
  private static final class FlakyStore implements CacheStore {
    final CacheStore delegate;
    volatile boolean down;
    int calls;

    FlakyStore(CacheStore delegate) {
      this.delegate = delegate;
    }

    private void call() {
      calls++;
      if (down) {
        throw new CacheUnavailableException("down", null);
      }
    }

    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public Optional<CacheEntry> get(String key) {
      call();
      return delegate.get(key);
    }

    @Override
    public void put(String key, CacheEntry entry, Duration ttl) {
      call();
      delegate.put(key, entry, ttl);
    }

    @Override
    public long generation(String scope) {
      call();
      return delegate.generation(scope);
    }

    @Override
    public long advance(String scope) {
      call();
      return delegate.advance(scope);
    }

    @Override
    public void evict(String scope) {
      delegate.evict(scope);
    }

    @Override
    public void clear() {
      delegate.clear();
    }
  }
}
