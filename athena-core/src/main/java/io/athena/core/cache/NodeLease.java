package io.athena.core.cache;

import io.athena.core.config.CacheConfig;
import io.athena.spi.cache.CacheStore;
import io.athena.spi.cache.GenerationRead;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's standing in a shared tier: the advances it owes (writes whose advance could not reach
 * the tier) and the lease it renews only while it owes none.
 *
 * <p>Why a lease: a node cut off from the shared tier still writes to the database, and the other
 * nodes cannot hear of it. They can notice its silence, though: its lease lapses at most {@code
 * cache.shared_lease} after its last renewal, and from then on {@link CacheStore#readGeneration}
 * tells them not to trust any entry until the node renews (which it does only after replaying what
 * it owes) or is forgotten ({@code cache.shared_lapse_grace} later).
 */
final class NodeLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeLease.class);

  private final CacheStore shared;
  private final CacheConfig config;
  private final InstantSource clock;
  private final String node = UUID.randomUUID().toString();
  private final Set<String> owed = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean renewing = new AtomicBoolean(true);
  private final AtomicBoolean registered = new AtomicBoolean();
  private final boolean inBackground;
  private final Runnable afterRenewal;
  private volatile ScheduledExecutorService heartbeat;

  /**
   * @param inBackground renew on a thread of its own once started; tests pass false and call {@link
   *     #renew()} themselves
   * @param afterRenewal runs after each successful renewal (the shared tier answers: a good moment
   *     to retry what failed while it did not)
   */
  NodeLease(
      CacheStore shared,
      CacheConfig config,
      InstantSource clock,
      boolean inBackground,
      Runnable afterRenewal) {
    this.shared = shared;
    this.config = config;
    this.clock = clock;
    this.inBackground = inBackground;
    this.afterRenewal = afterRenewal;
  }

  String node() {
    return node;
  }

  /** Remembers that an advance of {@code scope} did not reach the shared tier. */
  void owe(String scope) {
    owed.add(scope);
  }

  boolean owesAdvances() {
    return !owed.isEmpty();
  }

  /**
   * Replays the owed advances. A scope leaves the set before its advance is sent, so an advance
   * owed meanwhile is kept (and sent once more, which is harmless).
   *
   * @throws RuntimeException when the shared tier fails; what is still owed stays owed
   */
  void settle() {
    for (String scope : owed) {
      owed.remove(scope);
      try {
        shared.advance(scope);
      } catch (RuntimeException e) {
        owed.add(scope);
        throw e;
      }
    }
  }

  /**
   * The generation of {@code scope}, after settling what this node owes. When the store no longer
   * knows this node's lease (Redis restarted empty, or forgot the node after a long cut), it is
   * renewed at once rather than at the next heartbeat: until then the other nodes could not notice
   * this node losing touch.
   */
  GenerationRead read(String scope) {
    settle();
    Instant now = clock.instant();
    GenerationRead read = shared.readGeneration(scope, node, now, forgetBefore(now));
    if (!read.readerLeased() && !closed.get()) {
      renew();
    }
    return read;
  }

  /** One heartbeat: settles, then renews; never throws (the next beat tries again). */
  void renew() {
    try {
      settle();
      Instant now = clock.instant();
      shared.renewLease(node, now.plus(config.sharedLease()), forgetBefore(now));
      registered.set(true);
      afterRenewal.run();
      if (renewing.compareAndSet(false, true)) {
        LOG.info("this node's lease in the shared cache '{}' is renewed again", shared.name());
      }
    } catch (RuntimeException e) {
      if (renewing.compareAndSet(true, false)) {
        LOG.warn(
            "this node's lease in the shared cache '{}' cannot be renewed; other nodes stop"
                + " trusting the cache once it lapses (within {})",
            shared.name(),
            config.sharedLease(),
            e);
      } else {
        LOG.debug("lease renewal in the shared cache '{}' failed again", shared.name(), e);
      }
    }
  }

  /** Starts the heartbeat (every third of the lease), once. */
  void start() {
    if (!inBackground || started.get() || closed.get() || !started.compareAndSet(false, true)) {
      return;
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "athena-cache-lease-1");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.max(1, config.sharedLease().toMillis() / 3);
    executor.scheduleWithFixedDelay(this::renew, 0, period, TimeUnit.MILLISECONDS);
    heartbeat = executor;
  }

  private Instant forgetBefore(Instant now) {
    return now.minus(config.effectiveLapseGrace());
  }

  /**
   * Stops renewing; gives the lease up when nothing is owed, so that other nodes need not wait for
   * it to lapse. With advances still owed the lease is left to lapse: the other nodes then bypass
   * the cache for the grace, as they must.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ScheduledExecutorService executor = heartbeat;
    if (executor != null) {
      executor.shutdownNow();
    }
    if (!registered.get() && owed.isEmpty()) {
      return;
    }
    try {
      settle();
      shared.dropLease(node);
    } catch (RuntimeException e) {
      LOG.warn(
          "closing without giving up this node's lease in the shared cache '{}'{}; other nodes"
              + " bypass the cache from when it lapses until it is forgotten ({} later)",
          shared.name(),
          owed.isEmpty() ? "" : " (advances of " + owed + " not delivered)",
          config.effectiveLapseGrace(),
          e);
    }
  }
}
