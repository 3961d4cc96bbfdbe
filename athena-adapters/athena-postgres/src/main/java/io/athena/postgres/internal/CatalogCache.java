package io.athena.postgres.internal;

import io.athena.spi.TableRef;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client's catalog, cached. A snapshot is trusted for the TTL; a name that is not in it causes
 * an immediate re-read (a table created a second ago should work at once), but at most one re-read
 * per {@link #MIN_REFRESH_INTERVAL}, so that requests naming tables that do not exist cannot turn
 * into a stream of catalog queries. One thread loads at a time; the others wait for its result.
 */
final class CatalogCache implements Catalog {

  /** The shortest time between two re-reads caused by misses. */
  static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);

  /** Reads a full snapshot; {@link CatalogLoader} in production. */
  @FunctionalInterface
  interface Loader {
    CatalogSnapshot load() throws SQLException;
  }

  private record Loaded(CatalogSnapshot snapshot, Instant at) {}

  private final String client;
  private final Loader loader;
  private final Duration ttl;
  private final InstantSource clock;
  private final ReentrantLock loadLock = new ReentrantLock();
  private volatile Loaded current;

  CatalogCache(String client, Loader loader, Duration ttl, InstantSource clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public TableInfo table(TableRef ref) {
    CatalogSnapshot.validate(ref);
    Loaded seen = fresh();
    TableInfo table = seen.snapshot().find(ref.schema(), ref.name());
    if (table == null) {
      table = refreshAfterMiss(seen).snapshot().find(ref.schema(), ref.name());
    }
    if (table == null) {
      throw CatalogSnapshot.unknownTable(ref);
    }
    return table;
  }

  @Override
  public boolean refreshAfterMiss() {
    Loaded seen = current;
    return seen == null || refreshAfterMiss(seen) != seen;
  }

  /** Forgets the snapshot, so that the next lookup re-reads. */
  void invalidate() {
    current = null;
  }

  private Loaded fresh() {
    Loaded seen = current;
    if (seen != null && !isExpired(seen)) {
      return seen;
    }
    loadLock.lock();
    try {
      seen = current;
      return seen != null && !isExpired(seen) ? seen : load();
    } finally {
      loadLock.unlock();
    }
  }

  private Loaded refreshAfterMiss(Loaded seen) {
    loadLock.lock();
    try {
      Loaded now = current;
      if (now != null && now != seen) {
        return now; // another thread re-read while we waited for the lock
      }
      if (age(seen).compareTo(MIN_REFRESH_INTERVAL) < 0) {
        return seen;
      }
      return load();
    } finally {
      loadLock.unlock();
    }
  }

  private Loaded load() {
    try {
      Loaded loaded = new Loaded(loader.load(), clock.instant());
      current = loaded;
      return loaded;
    } catch (SQLException e) {
      throw SqlErrorTranslator.translate(e, client, SqlErrorTranslator.Origin.CATALOG);
    }
  }

  private boolean isExpired(Loaded loaded) {
    return age(loaded).compareTo(ttl) >= 0;
  }

  private Duration age(Loaded loaded) {
    return Duration.between(loaded.at(), clock.instant());
  }
}
