package io.athena.core.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.config.CacheConfig;
import io.athena.spi.cache.CacheEntry;
import io.athena.spi.cache.CacheStore;
import io.athena.spi.cache.CacheUnavailableException;
import io.athena.spi.cache.GenerationRead;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The tiers, generations, entry lifetimes, leases and the circuit around a shared tier. */
class ReadCacheTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final Duration LEASE = Duration.ofSeconds(2);

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final InstantSource clock = now::get;

  /** The one store every node shares, as Redis would be. */
  private final LocalCacheStore sharedStore = new LocalCacheStore(100);

  private final Node node = new Node(CacheConfig.enabledDefaults());

  /** One gateway: its own local tier, its own (possibly failing) link to the shared store. */
  private final class Node {
    final FlakyStore link = new FlakyStore(sharedStore);
    final LocalCacheStore local = new LocalCacheStore(100);
    final ReadCache cache;

    Node(CacheConfig config) {
      cache =
          new ReadCache(
              config.withTtl(TTL).withSharedCircuit(2, Duration.ofSeconds(10)),
              local,
              link,
              clock,
              new SimpleMeterRegistry(),
              false);
    }

    CacheOutcome read(String key) {
      Lookup lookup = cache.lookup("app", key, false);
      if (lookup.storable()) {
        cache.store(lookup, key.getBytes(UTF_8), 1);
      }
      return lookup.outcome();
    }
  }

  private void tick(Duration duration) {
    now.set(now.get().plus(duration));
  }

  @Nested
  class Tiers {
    @Test
    void sharedEntriesServeOtherNodes() {
      assertThat(node.read("k")).isEqualTo(CacheOutcome.MISS);
      node.local.clear(); // another node: nothing local
      assertThat(node.cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.HIT_SHARED);
      assertThat(node.cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.HIT_LOCAL);
    }

    @Test
    void anAdvanceElsewhereMakesLocalEntriesStale() {
      node.read("k");
      sharedStore.advance("app"); // a write on another node
      assertThat(node.cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.MISS);
    }

    @Test
    void anEntryLivesTheTtlFromItsGenerationReadEvenAsALocalCopy() {
      node.read("k");
      tick(TTL.minusSeconds(1));
      node.local.clear();
      assertThat(node.read("k"))
          .as("copied from the shared tier")
          .isEqualTo(CacheOutcome.HIT_SHARED);
      tick(Duration.ofSeconds(1));
      assertThat(node.read("k"))
          .as("the copy expires with the original")
          .isEqualTo(CacheOutcome.MISS);
    }

    @Test
    void anAnswerThatTookLongerThanTheTtlIsNotStored() {
      Lookup lookup = node.cache.lookup("app", "k", false);
      tick(TTL);
      node.cache.store(lookup, "slow".getBytes(UTF_8), 1);
      assertThat(node.local.size()).isZero();
      assertThat(sharedStore.get("k")).isEmpty();
    }
  }

  @Nested
  class Outages {
    @Test
    void aDownSharedTierBypassesEvenTheLocalTier() {
      node.read("k");
      node.link.down = true;
      assertThat(node.cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.BYPASS);
      assertThat(node.local.size()).as("unverifiable entries are dropped").isZero();
    }

    @Test
    void theCircuitOpensThenProbesAfterRetryAfter() {
      node.link.down = true;
      node.cache.lookup("app", "k", false);
      node.cache.lookup("app", "k", false);
      int callsWhenOpened = node.link.calls;
      node.link.down = false;
      assertThat(node.cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.BYPASS);
      assertThat(node.link.calls).as("open: no calls").isEqualTo(callsWhenOpened);
      tick(Duration.ofSeconds(10));
      assertThat(node.read("k")).isEqualTo(CacheOutcome.MISS);
      assertThat(node.cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.HIT_LOCAL);
    }

    @Test
    void aFailedAdvanceIsRetriedAtOnce() {
      long before = sharedStore.generation("app");
      node.link.failNext = 1;
      node.cache.invalidate("app");
      assertThat(sharedStore.generation("app")).isNotEqualTo(before);
    }

    @Test
    void aWriteThatCouldNotReachTheSharedTierIsAdvancedOnRecovery() {
      node.read("k");
      long before = sharedStore.generation("app");
      node.link.down = true;
      node.cache.invalidate("app");
      node.link.down = false;
      tick(Duration.ofSeconds(10));
      assertThat(node.cache.lookup("app", "k", false).outcome()).isEqualTo(CacheOutcome.MISS);
      assertThat(sharedStore.generation("app")).isNotEqualTo(before);
    }
  }

  /** Node {@code writer} loses Redis and writes; node {@code reader} can still reach it. */
  @Nested
  class Leases {
    private final Node writer = new Node(leased(Duration.ZERO));
    private final Node reader = new Node(leased(Duration.ZERO));

    private CacheConfig leased(Duration grace) {
      return CacheConfig.enabledDefaults().withSharedLease(LEASE, grace);
    }

    private void bothRenew() {
      writer.cache.renewLease();
      reader.cache.renewLease();
    }

    /** The writer cannot advance: its write stays unseen until its lease lapses. */
    private void writeWhileCutOff() {
      bothRenew();
      reader.read("k");
      writer.link.down = true;
      writer.cache.invalidate("app");
      writer.cache.renewLease(); // fails: the lease is not renewed
    }

    @Test
    void aNodeThatCannotAdvanceStopsTheOthersFromTrustingTheCacheWithinOneLease() {
      writeWhileCutOff();
      tick(LEASE.minusMillis(1));
      reader.cache.renewLease();
      assertThat(reader.read("k"))
          .as("the window: at most one lease")
          .isEqualTo(CacheOutcome.HIT_LOCAL);
      tick(Duration.ofMillis(1));
      Lookup lapsed = reader.cache.lookup("app", "k", false);
      assertThat(lapsed.outcome()).isEqualTo(CacheOutcome.BYPASS);
      assertThat(lapsed.storable()).as("an answer now could predate the unseen write").isFalse();
    }

    @Test
    void theLapsedNodeReplaysItsAdvanceBeforeItRenewsAndTheOthersTrustAgain() {
      writeWhileCutOff();
      tick(LEASE.plusSeconds(1));
      reader.cache.renewLease();
      assertThat(reader.read("k")).isEqualTo(CacheOutcome.BYPASS);
      writer.link.down = false;
      writer.cache.renewLease();
      assertThat(reader.read("k"))
          .as("the owed advance made the old entry stale")
          .isEqualTo(CacheOutcome.MISS);
      assertThat(reader.read("k")).isEqualTo(CacheOutcome.HIT_LOCAL);
    }

    @Test
    void aLapsedNodeIsForgottenOnceTheGracePassed() {
      writeWhileCutOff(); // and the writer never comes back
      tick(LEASE.plus(TTL));
      reader.cache.renewLease();
      assertThat(reader.read("k")).isEqualTo(CacheOutcome.BYPASS);
      tick(Duration.ofMillis(1));
      reader.cache.renewLease();
      assertThat(reader.read("k"))
          .as("every entry older than the lapse has expired")
          .isEqualTo(CacheOutcome.MISS);
      assertThat(reader.read("k")).isEqualTo(CacheOutcome.HIT_LOCAL);
    }

    @Test
    void aNodeTheStoreForgotRenewsAtItsNextReadNotAtItsNextHeartbeat() {
      reader.cache.renewLease();
      writer.read("k"); // the writer's lease is not on record (as after Redis restarted empty)
      reader.read("k");
      writer.link.down = true;
      writer.cache.invalidate("app"); // no heartbeat ran in between
      tick(LEASE);
      reader.cache.renewLease();
      assertThat(reader.read("k"))
          .as("the writer's read put its lease back on record, so it lapses")
          .isEqualTo(CacheOutcome.BYPASS);
    }

    @Test
    void aNodeThatClosesCleanlyGivesItsLeaseUp() {
      bothRenew();
      reader.read("k");
      writer.cache.close();
      tick(LEASE.plusSeconds(1));
      reader.cache.renewLease();
      assertThat(reader.read("k")).isEqualTo(CacheOutcome.HIT_LOCAL);
    }

    @Test
    void aNodeThatClosesOwingAnAdvanceLeavesItsLeaseToLapse() {
      writeWhileCutOff();
      writer.cache.close();
      tick(LEASE.plusSeconds(1));
      reader.cache.renewLease();
      assertThat(reader.read("k")).isEqualTo(CacheOutcome.BYPASS);
    }

    @Test
    void aNodeIgnoresItsOwnLapsedLease() {
      bothRenew();
      reader.read("k");
      tick(LEASE.plusSeconds(1));
      writer.cache.renewLease();
      assertThat(reader.read("k")).isEqualTo(CacheOutcome.HIT_LOCAL);
    }
  }

  /** A link to a store that fails every call while {@code down}, or the next few calls. */
  private static final class FlakyStore implements CacheStore {
    final CacheStore delegate;
    volatile boolean down;
    int failNext;
    int calls;

    FlakyStore(CacheStore delegate) {
      this.delegate = delegate;
    }

    private void call() {
      calls++;
      if (down || failNext-- > 0) {
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
    public GenerationRead readGeneration(
        String scope, String node, Instant now, Instant forgetBefore) {
      call();
      return delegate.readGeneration(scope, node, now, forgetBefore);
    }

    @Override
    public void renewLease(String node, Instant expiresAt, Instant forgetBefore) {
      call();
      delegate.renewLease(node, expiresAt, forgetBefore);
    }

    @Override
    public void dropLease(String node) {
      call();
      delegate.dropLease(node);
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
