package io.athena.core.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.core.Athena;
import io.athena.core.admission.Admission;
import io.athena.core.admission.AdmissionController;
import io.athena.core.admission.AdmissionDecision;
import io.athena.core.config.AdmissionConfig;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.OverloadAction;
import io.athena.core.config.SecurityConfig;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.limits.GuardedLimits;
import io.athena.core.limits.InMemorySharedLimits;
import io.athena.spi.limits.LimitsUnavailableException;
import io.athena.spi.limits.SharedLimits;
import io.athena.spi.limits.SlotGrant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Rate and admission limits counted across two gateways through one shared store. */
class SharedLimitsTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final InstantSource clock = now::get;
  private final FailingLimits store = new FailingLimits(new InMemorySharedLimits(clock));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private AdmissionController node(int perClient) {
    AdmissionConfig config =
        new AdmissionConfig(0, perClient, OverloadAction.REJECT, Duration.ofHours(1))
            .withShared(true);
    GuardedLimits guarded = new GuardedLimits(store, 1, Duration.ofSeconds(10), clock, meters);
    return new AdmissionController(config, meters, guarded, clock);
  }

  private Athena gateway(SecurityConfig security) {
    return Athena.builder()
        .config(AthenaConfig.defaults().withSecurity(security))
        .backend(new FakeBackend())
        .clock(clock)
        .sharedLimits(store)
        .meterRegistry(meters)
        .build();
  }

  private static int fetch(Athena athena) {
    Headers headers = new Headers().set("X-Athena-Client", FakeBackend.CLIENT);
    byte[] body = "{\"table_name\":\"users\"}".getBytes(UTF_8);
    return athena.router().handle(HttpRequest.of("POST", "/gateway/fetch", headers, body)).status();
  }

  @Test
  void aPerClientLimitHoldsAcrossNodes() {
    try (AdmissionController a = node(1);
        AdmissionController b = node(1)) {
      Admission held = a.admit("app", false);
      assertThat(held.decision()).isEqualTo(AdmissionDecision.ADMITTED);
      assertThat(b.admit("app", false).decision()).isEqualTo(AdmissionDecision.REJECTED);
      assertThat(b.admit("other", false).decision()).isEqualTo(AdmissionDecision.ADMITTED);
      held.release();
      assertThat(b.admit("app", false).decision()).isEqualTo(AdmissionDecision.ADMITTED);
    }
  }

  @Test
  void theSlotsOfANodeThatDiedLapseWithinOneLease() {
    try (AdmissionController a = node(1);
        AdmissionController b = node(1)) {
      a.admit("app", false); // never released: the node died
      a.close(); // and stopped renewing
      now.set(now.get().plus(AdmissionConfig.DEFAULT_SHARED_SLOT_LEASE));
      assertThat(b.admit("app", false).decision()).isEqualTo(AdmissionDecision.ADMITTED);
    }
  }

  @Test
  void whileTheStoreIsDownEachNodeCountsAloneAndSaysSo() {
    try (AdmissionController a = node(1);
        AdmissionController b = node(1)) {
      store.down = true;
      assertThat(a.admit("app", false).decision()).isEqualTo(AdmissionDecision.ADMITTED);
      assertThat(b.admit("app", false).decision()).isEqualTo(AdmissionDecision.ADMITTED);
      assertThat(b.admit("app", false).decision())
          .as("b's own count still limits")
          .isEqualTo(AdmissionDecision.REJECTED);
      assertThat(meters.counter(GuardedLimits.FALLBACKS_METER, "limit", "admission").count())
          .isEqualTo(3);
    }
  }

  @Test
  void aRateLimitHoldsAcrossNodesAndFallsBackToEachNodeWhenTheStoreIsDown() {
    SecurityConfig security =
        SecurityConfig.defaults().withRateLimit(1, 2).withRateLimitShared(true);
    try (Athena a = gateway(security);
        Athena b = gateway(security)) {
      assertThat(fetch(a)).isEqualTo(200);
      assertThat(fetch(b)).isEqualTo(200);
      assertThat(fetch(a)).as("the burst of 2 is spent across both").isEqualTo(429);
      assertThat(fetch(b)).isEqualTo(429);
      store.down = true;
      assertThat(fetch(a)).as("a's own bucket is full").isEqualTo(200);
      assertThat(meters.counter(GuardedLimits.FALLBACKS_METER, "limit", "rate_limit").count())
          .isEqualTo(1);
    }
  }

  @Test
  void sharingWithoutAStoreIsRefusedAtBuild() {
    SecurityConfig security =
        SecurityConfig.defaults().withRateLimit(1, 2).withRateLimitShared(true);
    assertThatThrownBy(
            () -> Athena.builder().config(AthenaConfig.defaults().withSecurity(security)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("security.rate_limit_shared is true")
        .hasMessageContaining("cache.redis.address");
    AdmissionConfig admission =
        new AdmissionConfig(4, 0, OverloadAction.REJECT, Duration.ofHours(1)).withShared(true);
    assertThatThrownBy(
            () -> Athena.builder().config(AthenaConfig.defaults().withAdmission(admission)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("admission.shared is true");
  }

  /** A store that fails every call while {@code down}. */
  private static final class FailingLimits implements SharedLimits {
    private final SharedLimits delegate;
    volatile boolean down;

    FailingLimits(SharedLimits delegate) {
      this.delegate = delegate;
    }

    private void call() {
      if (down) {
        throw new LimitsUnavailableException("down", null);
      }
    }

    @Override
    public String name() {
      return "failing";
    }

    @Override
    public Duration takeToken(String bucket, int perSecond, int burst, Instant at) {
      call();
      return delegate.takeToken(bucket, perSecond, burst, at);
    }

    @Override
    public SlotGrant takeSlots(
        String slot, Map<String, Integer> limits, Instant at, Instant expiresAt) {
      call();
      return delegate.takeSlots(slot, limits, at, expiresAt);
    }

    @Override
    public void renewSlots(Map<String, ? extends Collection<String>> slots, Instant expiresAt) {
      call();
      delegate.renewSlots(slots, expiresAt);
    }

    @Override
    public void releaseSlots(String slot, Collection<String> pools) {
      call();
      delegate.releaseSlots(slot, pools);
    }
  }
}
