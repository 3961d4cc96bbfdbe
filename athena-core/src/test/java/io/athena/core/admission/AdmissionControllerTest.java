package io.athena.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.config.AdmissionConfig;
import io.athena.core.config.OverloadAction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AdmissionControllerTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private AdmissionController controller(int global, int perClient, OverloadAction overload) {
    return new AdmissionController(
        new AdmissionConfig(global, perClient, overload, Duration.ofHours(1)), meters);
  }

  @Test
  @DisplayName("unbounded by default: every request is admitted")
  void unboundedAdmitsAll() {
    AdmissionController c = controller(0, 0, OverloadAction.REJECT);
    for (int i = 0; i < 100; i++) {
      assertThat(c.admit("a", false).decision()).isEqualTo(AdmissionDecision.ADMITTED);
    }
    assertThat(count("a", "admitted")).isEqualTo(100);
  }

  @Test
  @DisplayName("over the global limit a request is rejected until a slot is released")
  void globalLimitRejects() {
    AdmissionController c = controller(1, 0, OverloadAction.REJECT);
    Admission first = c.admit("a", false);
    assertThat(c.admit("b", false).decision()).isEqualTo(AdmissionDecision.REJECTED);
    first.release();
    first.release(); // idempotent: must not free a second slot
    assertThat(c.running()).isZero();
    assertThat(c.admit("b", false).decision()).isEqualTo(AdmissionDecision.ADMITTED);
    assertThat(c.admit("b", false).decision()).isEqualTo(AdmissionDecision.REJECTED);
    assertThat(count("b", "rejected")).isEqualTo(2);
  }

  @Test
  @DisplayName("the per-client limit leaves other clients alone, and defer mode defers")
  void perClientLimitDefers() {
    AdmissionController c = controller(0, 1, OverloadAction.DEFER);
    c.admit("a", false);
    assertThat(c.admit("a", false).decision()).isEqualTo(AdmissionDecision.DEFERRED);
    assertThat(c.admit("b", false).decision()).isEqualTo(AdmissionDecision.ADMITTED);
    assertThat(c.running("a")).isEqualTo(1);
    assertThat(c.running()).isEqualTo(2);
    assertThat(count("a", "deferred")).isEqualTo(1);
  }

  @Test
  @DisplayName("Prefer: respond-async is deferred even with free slots, and holds none")
  void preferAsyncAlwaysDefers() {
    AdmissionController c = controller(0, 0, OverloadAction.REJECT);
    assertThat(c.admit("a", true).decision()).isEqualTo(AdmissionDecision.DEFERRED);
    assertThat(c.running()).isZero();
  }

  private double count(String client, String decision) {
    var counter =
        meters
            .find(AdmissionController.METER)
            .tags("client", client, "decision", decision)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
