package io.athena.core.admission;

import io.athena.core.limits.GuardedLimits;
import io.athena.spi.limits.SlotGrant;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission slots counted in a shared store. Each slot is a lease, renewed every third of {@code
 * lease} while its request runs (a streamed read may outlast any fixed lease) and released when it
 * ends; the slots of a node that dies lapse within one lease.
 */
final class SharedSlots implements AutoCloseable {
  private final GuardedLimits store;
  private final Duration lease;
  private final InstantSource clock;
  private final String node = UUID.randomUUID().toString();
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile ScheduledExecutorService renewer;
  private volatile boolean closed;

  SharedSlots(GuardedLimits store, Duration lease, InstantSource clock) {
    this.store = store;
    this.lease = lease;
    this.clock = clock;
  }

  /**
   * What a take found.
   *
   * @param grant the store's answer, empty when it gave none (count locally then)
   * @param release gives the slot back; does nothing unless it was taken
   */
  record Take(Optional<SlotGrant> grant, Runnable release) {}

  /** A slot this node holds for a request of {@code client}. */
  private record Held(String client, Collection<String> pools) {}

  /** Takes a slot for a request of {@code client} in every pool of {@code limits}. */
  Take take(String client, Map<String, Integer> limits) {
    start();
    String slot = node + ":" + sequence.incrementAndGet();
    Instant now = clock.instant();
    Optional<SlotGrant> grant = store.takeSlots(slot, limits, now, now.plus(lease));
    if (grant.isEmpty() || grant.get() != SlotGrant.TAKEN) {
      return new Take(grant, () -> {});
    }
    Collection<String> pools = List.copyOf(limits.keySet());
    held.put(slot, new Held(client, pools));
    return new Take(
        grant,
        () -> {
          held.remove(slot);
          store.releaseSlots(slot, pools);
        });
  }

  /** Renews every slot still held. */
  void renew() {
    Map<String, Collection<String>> pools = new HashMap<>();
    held.forEach((slot, h) -> pools.put(slot, h.pools()));
    if (!pools.isEmpty()) {
      store.renewSlots(pools, clock.instant().plus(lease));
    }
  }

  /** Slots this node holds, for all clients or (when not null) for {@code client}. */
  int held(String client) {
    return (int)
        held.values().stream().filter(h -> client == null || h.client().equals(client)).count();
  }

  private void start() {
    if (started.get() || closed || !started.compareAndSet(false, true)) {
      return;
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "athena-admission-lease-1");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.max(1, lease.toMillis() / 3);
    executor.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    renewer = executor;
  }

  @Override
  public void close() {
    closed = true;
    ScheduledExecutorService executor = renewer;
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
