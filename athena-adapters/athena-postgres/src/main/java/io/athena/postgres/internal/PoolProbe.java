package io.athena.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import io.athena.spi.health.ClientProbe;
import io.athena.spi.health.PoolSnapshot;
import io.athena.spi.health.ProbeStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Health of one client: {@code SELECT 1} on a pooled connection, timed, and the pool's counters.
 *
 * <p>A dead database must never hang the prober, so every step is bounded by the probe's timeout:
 * borrowing waits at most half of it (HikariCP's own connection timeout may be far longer), and the
 * query gets what is left as the socket timeout. A host's data source that is not a HikariCP pool
 * is borrowed from with its own timeout; Athena's prober still reports such a probe as timed out
 * when it overruns.
 */
public final class PoolProbe {
  static final String QUERY = "SELECT 1";

  private final String client;
  private final DataSource dataSource;

  public PoolProbe(String client, DataSource dataSource) {
    this.client = Objects.requireNonNull(client, "client");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Probes once; never throws for a database failure. */
  public ClientProbe probe(Duration timeout) {
    long started = System.nanoTime();
    Duration wait = borrowWait(timeout);
    try (Connection c = borrow(wait)) {
      long remaining = timeout.toMillis() - elapsedMillis(started);
      // the proxy restores the pool's network timeout when the connection goes back
      c.setNetworkTimeout(Runnable::run, (int) Math.max(1, remaining));
      try (Statement s = c.createStatement()) {
        s.execute(QUERY);
      }
      return ClientProbe.online(Duration.ofNanos(System.nanoTime() - started));
    } catch (SQLException e) {
      return failed(e, wait);
    }
  }

  /** The pool's counters right now, if the data source is a started HikariCP pool. */
  public Optional<PoolSnapshot> pool() {
    return hikari()
        .map(
            (HikariPoolMXBean pool) ->
                PoolSnapshot.of(
                    pool.getActiveConnections(),
                    pool.getIdleConnections(),
                    ((HikariDataSource) dataSource).getMaximumPoolSize(),
                    pool.getThreadsAwaitingConnection()));
  }

  /** Half the probe's time for the connection, the rest for the query; at least 1 ms. */
  static Duration borrowWait(Duration timeout) {
    return Duration.ofMillis(Math.max(1, timeout.toMillis() / 2));
  }

  private Connection borrow(Duration wait) throws SQLException {
    Optional<HikariPoolMXBean> pool = hikari();
    if (pool.isPresent() && pool.get() instanceof HikariPool hikariPool) {
      return hikariPool.getConnection(wait.toMillis());
    }
    return dataSource.getConnection();
  }

  private Optional<HikariPoolMXBean> hikari() {
    if (dataSource instanceof HikariDataSource hikari && !hikari.isClosed()) {
      return Optional.ofNullable(hikari.getHikariPoolMXBean());
    }
    return Optional.empty();
  }

  /**
   * A borrow that timed out while every connection is lent out means a busy pool in front of a live
   * database, not a dead one: reported online, without a latency, with the reason.
   */
  private ClientProbe failed(SQLException e, Duration wait) {
    Optional<PoolSnapshot> pool = pool();
    if (e instanceof SQLTransientConnectionException
        && pool.isPresent()
        && saturated(pool.get())
        && !(e.getCause() instanceof SQLException)) {
      PoolSnapshot p = pool.get();
      return new ClientProbe(
          ProbeStatus.ONLINE,
          Optional.empty(),
          Optional.of(
              "pool saturated: no free connection within "
                  + wait.toMillis()
                  + "ms (active "
                  + p.active()
                  + " of "
                  + p.max()
                  + ", "
                  + p.pending().orElse(0)
                  + " waiting)"));
    }
    return ClientProbe.offline(ProbeErrors.describe(e, wait));
  }

  private static boolean saturated(PoolSnapshot pool) {
    return pool.active() > 0 && pool.idle() == 0 && pool.active() >= pool.max();
  }

  private static long elapsedMillis(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
  }
}
