package io.athena.core.clients;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the client catalog on an interval on thread {@code athena-catalog-reload-1}. A catalog
 * that cannot be read leaves the last good view in place; the outage is logged once at WARN, its
 * repeats at DEBUG, its end at INFO.
 */
final class CatalogReloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClientRegistry.class);

  private final Runnable reload;
  private final Duration interval;
  private ScheduledExecutorService executor;
  private String outage;

  /**
   * @param reload reads the catalog and applies it; throws when the catalog cannot be read
   */
  CatalogReloader(Runnable reload, Duration interval) {
    this.reload = reload;
    this.interval = interval;
  }

  synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "athena-catalog-reload-1");
              thread.setDaemon(true);
              return thread;
            });
    long millis = Math.max(1, interval.toMillis());
    executor.scheduleWithFixedDelay(this::reloadOnce, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** One reload; never throws, so that the schedule goes on. */
  void reloadOnce() {
    try {
      reload.run();
      recovered();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private synchronized void failed(RuntimeException e) {
    String signature = e.getClass().getName() + ": " + e.getMessage();
    if (outage == null) {
      LOG.warn(
          "reading the client catalog failed; routing keeps the last clients read and repeats"
              + " are logged at DEBUG until it recovers",
          e);
    } else {
      LOG.debug("reading the client catalog failed again: {}", signature, e);
    }
    outage = signature;
  }

  private synchronized void recovered() {
    if (outage != null) {
      LOG.info("the client catalog can be read again after: {}", outage);
      outage = null;
    }
  }

  /** Whether the last reload failed. */
  synchronized boolean inOutage() {
    return outage != null;
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
