package io.athena.testkit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.jobs.DaemonInfo;
import io.athena.spi.jobs.DaemonRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The compatibility suite every {@link DaemonRegistry} passes. Implement {@link #newRegistry}; each
 * call must return an empty registry that reads time from {@code clock}.
 */
public abstract class DaemonRegistryContract {
  protected SettableClock clock;
  protected DaemonRegistry registry;

  protected abstract DaemonRegistry newRegistry(InstantSource clock);

  @BeforeEach
  final void createRegistry() {
    clock = new SettableClock();
    registry = newRegistry(clock);
  }

  private DaemonInfo daemon(String id, Set<String> families) {
    return new DaemonInfo(
        id, "daemon", families, "host-a", clock.instant(), clock.instant(), "running");
  }

  @Test
  @DisplayName("a registered daemon is listed as registered")
  void registeredDaemonIsListed() {
    assertThat(registry.list()).as("daemons of an empty registry").isEmpty();
    DaemonInfo info = daemon("d-1", Set.of("mail", "clone"));
    registry.register(info);
    assertThat(registry.list()).containsExactly(info);
  }

  @Test
  @DisplayName("a heartbeat records the time and the status")
  void heartbeatRecordsTimeAndStatus() {
    registry.register(daemon("d-1", Set.of("mail")));
    clock.advance(Duration.ofSeconds(10));
    registry.heartbeat("d-1", "draining");
    DaemonInfo seen = registry.list().get(0);
    assertThat(seen.lastHeartbeatAt()).isEqualTo(clock.instant());
    assertThat(seen.status()).isEqualTo("draining");
    assertThat(seen.startedAt()).isEqualTo(clock.instant().minusSeconds(10));
    assertThat(seen.families()).containsExactly("mail");
  }

  @Test
  @DisplayName("daemons are listed most recent heartbeat first")
  void mostRecentHeartbeatFirst() {
    registry.register(daemon("d-1", Set.of()));
    registry.register(daemon("d-2", Set.of()));
    clock.advance(Duration.ofSeconds(1));
    registry.heartbeat("d-1", "running");
    assertThat(registry.list()).extracting(DaemonInfo::daemonId).containsExactly("d-1", "d-2");
    clock.advance(Duration.ofSeconds(1));
    registry.heartbeat("d-2", "running");
    assertThat(registry.list()).extracting(DaemonInfo::daemonId).containsExactly("d-2", "d-1");
  }

  @Test
  @DisplayName("registering again replaces the daemon rather than adding a second one")
  void reRegisterReplaces() {
    registry.register(daemon("d-1", Set.of("mail")));
    clock.advance(Duration.ofMinutes(1));
    registry.register(daemon("d-1", Set.of("clone")));
    assertThat(registry.list()).hasSize(1);
    assertThat(registry.list().get(0).families()).containsExactly("clone");
    assertThat(registry.list().get(0).startedAt()).isEqualTo(clock.instant());
  }
}
