package io.athena.core.jobs;

import io.athena.spi.jobs.JobStatus;
import io.athena.spi.jobs.JobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code athena_jobs{family,status}} queue-depth gauges. One {@link JobStore#depth()} call
 * serves every gauge of a scrape: the snapshot is reused for {@link #MAX_AGE_NANOS}, measured on
 * the monotonic clock because it bounds store load, not job time. A family gets all five status
 * gauges the first time it is seen, so a status that empties reads 0 rather than vanishing.
 */
final class JobDepthGauges {
  private static final Logger LOG = LoggerFactory.getLogger(JobDepthGauges.class);
  static final String NAME = "athena.jobs";
  static final long MAX_AGE_NANOS = 1_000_000_000L;

  private final JobStore store;
  private final MeterRegistry registry;
  private final Set<String> families = ConcurrentHashMap.newKeySet();
  private volatile Map<String, Map<JobStatus, Long>> snapshot = Map.of();
  private volatile long takenAt = System.nanoTime() - MAX_AGE_NANOS;

  /**
   * Families whose gauges exist from the start, reading 0 until jobs arrive. Besides being worth
   * alerting on, they bootstrap discovery: reading any gauge refreshes the snapshot, which adds
   * gauges for every family the store knows, even in a process that never submits.
   */
  static final Set<String> BUILT_IN_FAMILIES = Set.of("deferred", "backup", "restore", "clone");

  JobDepthGauges(JobStore store, MeterRegistry registry) {
    this.store = store;
    this.registry = registry;
    BUILT_IN_FAMILIES.forEach(this::family); // lazy gauges: no store call until a scrape
  }

  /** Takes a fresh snapshot now (the facade calls this whenever it read depth anyway). */
  void update(Map<String, Map<JobStatus, Long>> depth) {
    snapshot = depth;
    takenAt = System.nanoTime();
    depth.keySet().forEach(this::family);
  }

  /** Makes sure a family has its gauges. */
  void family(String family) {
    if (!families.add(family)) {
      return;
    }
    for (JobStatus status : JobStatus.values()) {
      Gauge.builder(NAME, this, g -> g.count(family, status))
          .description("Jobs per family and status")
          .tag("family", family)
          .tag("status", status.wireName())
          .register(registry);
    }
  }

  private double count(String family, JobStatus status) {
    if (System.nanoTime() - takenAt >= MAX_AGE_NANOS) {
      refresh();
    }
    return snapshot.getOrDefault(family, Map.of()).getOrDefault(status, 0L);
  }

  private synchronized void refresh() {
    if (System.nanoTime() - takenAt < MAX_AGE_NANOS) {
      return; // another gauge of this scrape refreshed it
    }
    try {
      update(store.depth());
    } catch (RuntimeException e) {
      takenAt = System.nanoTime(); // keep the old numbers and do not retry on every gauge
      LOG.debug("reading job depth for the athena_jobs gauge failed", e);
    }
  }
}
