package io.athena.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FamilyOwnershipTest {
  private static final Set<String> REGISTERED =
      Set.of("deferred", "backup", "restore", "clone", "email", "report");
  private static final Set<String> HOST_INLINE = Set.of("email");

  private static Set<String> runs(DaemonRole role, boolean daemonEnabled) {
    return FamilyOwnership.families(role, daemonEnabled, REGISTERED, HOST_INLINE);
  }

  @Test
  @DisplayName("api without a separate daemon runs the inline families and host inline families")
  void apiWithoutDaemon() {
    assertThat(runs(DaemonRole.API, false))
        .containsExactlyInAnyOrder("deferred", "backup", "email");
  }

  @Test
  @DisplayName("api with a separate daemon runs nothing")
  void apiWithDaemon() {
    assertThat(runs(DaemonRole.API, true)).isEmpty();
  }

  @Test
  @DisplayName("daemon and all run every registered family, clone included")
  void daemonAndAll() {
    for (boolean enabled : new boolean[] {false, true}) {
      assertThat(runs(DaemonRole.DAEMON, enabled)).isEqualTo(REGISTERED);
      assertThat(runs(DaemonRole.ALL, enabled)).isEqualTo(REGISTERED);
    }
  }

  @Test
  @DisplayName("clone-worker runs only clone")
  void cloneWorker() {
    assertThat(runs(DaemonRole.CLONE_WORKER, false)).containsExactly("clone");
    assertThat(FamilyOwnership.families(DaemonRole.CLONE_WORKER, false, Set.of("email"), Set.of()))
        .as("clone-worker without a clone handler")
        .isEmpty();
  }

  @Test
  @DisplayName("clone never runs in the api role, and cannot be declared inline")
  void cloneNeverInApi() {
    assertThat(runs(DaemonRole.API, false)).doesNotContain("clone", "restore");
    assertThatThrownBy(
            () -> FamilyOwnership.families(DaemonRole.API, false, REGISTERED, Set.of("clone")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inline families were [clone] but clone jobs never run in the api role");
  }

  @Test
  @DisplayName("only families with a handler run")
  void onlyRegisteredFamilies() {
    assertThat(FamilyOwnership.families(DaemonRole.API, false, Set.of("backup"), Set.of("email")))
        .containsExactly("backup");
  }

  @Test
  @DisplayName("roles have wire names and parse back from them")
  void roleWireNames() {
    assertThat(DaemonRole.CLONE_WORKER.wireName()).isEqualTo("clone-worker");
    assertThat(DaemonRole.fromWireName("clone_worker")).contains(DaemonRole.CLONE_WORKER);
    assertThat(DaemonRole.fromWireName(" API ")).contains(DaemonRole.API);
    assertThat(DaemonRole.fromWireName("all")).contains(DaemonRole.ALL);
    assertThat(DaemonRole.fromWireName("worker")).isEmpty();
    assertThat(DaemonRole.fromWireName(null)).isEmpty();
  }
}
