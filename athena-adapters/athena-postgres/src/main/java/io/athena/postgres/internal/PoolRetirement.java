package io.athena.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the pools of clients that were unregistered or moved to a new URI, once their requests are
 * done. Closing a HikariCP pool at once aborts the connections in use, which would cut a streaming
 * read short; so a retired pool first has its idle connections evicted (busy ones close when they
 * come back), and is closed when none is in use any more, or after a grace period at the latest.
 * Checks run on thread {@code athena-postgres-retire-1}, started on first use.
 */
public final class PoolRetirement implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PoolRetirement.class);

  /** How long a retired pool's requests may still run before their connections are cut. */
  public static final Duration GRACE = Duration.ofMinutes(2);

  // a request routed just before the unregister may not hold its connection yet: give it time
  private static final long FIRST_CHECK_MILLIS = 500;
  private static final long CHECK_MILLIS = 250;

  private final Set<HikariDataSource> retiring = new LinkedHashSet<>();
  private ScheduledExecutorService executor;
  private boolean closed;

  /** Closes {@code pool} once none of its connections is in use (or after {@link #GRACE}). */
  public synchronized void retire(String client, HikariDataSource pool) {
    if (closed) {
      closeQuietly(pool);
      return;
    }
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    if (bean != null) {
      bean.softEvictConnections();
    }
    retiring.add(pool);
    long deadline = System.nanoTime() + GRACE.toNanos();
    executor()
        .schedule(() -> check(client, pool, deadline), FIRST_CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void check(String client, HikariDataSource pool, long deadline) {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    int active = bean == null ? 0 : bean.getActiveConnections();
    boolean late = System.nanoTime() - deadline > 0;
    synchronized (this) {
      if (closed || !retiring.contains(pool)) {
        return;
      }
      if (active > 0 && !late) {
        executor.schedule(() -> check(client, pool, deadline), CHECK_MILLIS, TimeUnit.MILLISECONDS);
        return;
      }
      retiring.remove(pool);
    }
    if (active > 0) {
      LOG.warn(
          "closing the retired pool of client '{}' with {} connections still in use after {} s",
          client,
          active,
          GRACE.toSeconds());
    }
    closeQuietly(pool);
    LOG.info("closed the retired pool of client '{}'", client);
  }

  private ScheduledExecutorService executor() {
    if (executor == null) {
      executor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "athena-postgres-retire-1");
                thread.setDaemon(true);
                return thread;
              });
    }
    return executor;
  }

  /** Closes every pool still retiring, in use or not: the backend is closing. Idempotent. */
  @Override
  public void close() {
    Set<HikariDataSource> pools;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (executor != null) {
        executor.shutdownNow();
      }
      pools = new LinkedHashSet<>(retiring);
      retiring.clear();
    }
    pools.forEach(PoolRetirement::closeQuietly);
  }

  private static void closeQuietly(HikariDataSource pool) {
    try {
      pool.close();
    } catch (RuntimeException e) {
      LOG.warn("closing a retired postgres pool failed", e);
    }
  }
}
