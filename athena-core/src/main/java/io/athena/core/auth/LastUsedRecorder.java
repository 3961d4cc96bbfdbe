package io.athena.core.auth;

import io.athena.spi.auth.KeyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects when each key was last used and hands them to the store in one batch every few seconds,
 * on its own thread: a slow or failing store never delays a gateway request. Its thread starts on
 * the first use, not at construction, so building an Athena has no side effects.
 */
final class LastUsedRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LastUsedRecorder.class);
  static final long FLUSH_SECONDS = 5;

  private final KeyStore store;
  private final ConcurrentHashMap<String, Instant> pending = new ConcurrentHashMap<>();
  private ScheduledExecutorService executor;
  private boolean closed;
  private volatile boolean failing;

  LastUsedRecorder(KeyStore store) {
    this.store = store;
  }

  void record(String keyId, Instant at) {
    pending.merge(keyId, at, (a, b) -> a.isAfter(b) ? a : b);
    startOnce();
  }

  private synchronized void startOnce() {
    if (executor != null || closed) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "athena-key-last-used-1");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::flush, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
  }

  /** Writes what is pending; never throws (the loop must not die), warns once per outage. */
  void flush() {
    Map<String, Instant> batch = new HashMap<>();
    for (String id : pending.keySet()) {
      Instant at = pending.remove(id);
      if (at != null) {
        batch.put(id, at);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      store.touch(batch);
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn("recording last use of {} API keys failed; will retry quietly", batch.size(), e);
      } else {
        LOG.debug("recording last use of API keys still fails", e);
      }
      failing = true;
      batch.forEach((id, at) -> pending.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
    }
  }

  /** Flushes once more and stops the thread. Idempotent. */
  @Override
  public void close() {
    ScheduledExecutorService running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = executor;
    }
    if (running != null) {
      running.shutdownNow();
    }
    flush();
  }
}
