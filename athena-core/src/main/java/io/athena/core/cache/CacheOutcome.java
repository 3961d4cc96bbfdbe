package io.athena.core.cache;

import java.util.Locale;

/** How a fetch used the cache: the {@code X-Athena-Cache-Outcome} header and the metric tag. */
public enum CacheOutcome {
  /** Served from this node's memory. */
  HIT_LOCAL,
  /** Served from the shared tier (and now kept locally too). */
  HIT_SHARED,
  /** Read from the database and stored for the next caller. */
  MISS,
  /**
   * The cache was not consulted: it is off, the caller sent {@code Cache-Control: no-cache}, or the
   * shared tier cannot vouch for freshness right now.
   */
  BYPASS;

  /** {@code hit_local}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the body came from the cache ({@code X-Athena-Cached}). */
  public boolean cached() {
    return this == HIT_LOCAL || this == HIT_SHARED;
  }
}
