package io.athena.core.jobs;

import io.athena.spi.jobs.DaemonInfo;
import io.athena.spi.jobs.DaemonRegistry;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded daemon registry: the daemons of this JVM. A heartbeat of a daemon that never
 * registered is ignored, since there is nothing to attach it to.
 */
public final class InMemoryDaemonRegistry implements DaemonRegistry {
  private final InstantSource clock;
  private final Map<String, DaemonInfo> daemons = new ConcurrentHashMap<>();

  public InMemoryDaemonRegistry() {
    this(InstantSource.system());
  }

  public InMemoryDaemonRegistry(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void register(DaemonInfo daemon) {
    Objects.requireNonNull(daemon, "daemon");
    daemons.put(daemon.daemonId(), daemon);
  }

  @Override
  public void heartbeat(String daemonId, String status) {
    Objects.requireNonNull(status, "status");
    daemons.computeIfPresent(
        daemonId,
        (id, d) ->
            new DaemonInfo(
                id, d.role(), d.families(), d.host(), d.startedAt(), clock.instant(), status));
  }

  @Override
  public List<DaemonInfo> list() {
    return daemons.values().stream()
        .sorted(
            Comparator.comparing(
                    DaemonInfo::lastHeartbeatAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(DaemonInfo::daemonId))
        .toList();
  }
}
