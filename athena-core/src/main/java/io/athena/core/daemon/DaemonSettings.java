package io.athena.core.daemon;

import io.athena.core.jobs.Jobs;
import io.athena.spi.jobs.DaemonRegistry;
import io.athena.spi.jobs.JobHandler;
import io.athena.spi.jobs.JobStore;
import io.athena.spi.telemetry.TraceSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A daemon's validated settings, as the builder produced them.
 *
 * @param families the families this daemon runs (after ownership), each with a handler
 * @param jobs the facade whose submits wake the daemon at once, or null to rely on polling
 * @param executor the host's executor for attempts, or null for per-family threads
 * @param claimAhead jobs per family claimed ahead of free slots, or -1 for {@link
 *     AthenaDaemon#DEFAULT_CLAIM_AHEAD_FACTOR} × the family's concurrency
 */
record DaemonSettings(
    String daemonId,
    DaemonRole role,
    String host,
    Set<String> families,
    Map<String, JobHandler> handlers,
    Map<String, Integer> concurrency,
    int claimBatchSize,
    int claimAhead,
    int completionBatchSize,
    Duration completionFlushDelay,
    Duration lease,
    Duration heartbeatInterval,
    Duration pollInterval,
    Duration reaperInterval,
    Duration drainTimeout,
    Backoff backoff,
    InstantSource clock,
    JobStore store,
    DaemonRegistry registry,
    Jobs jobs,
    MeterRegistry meters,
    List<TraceSink> traceSinks,
    Executor executor) {

  /** The claim-ahead buffer of one family. */
  int claimAhead(String family) {
    return claimAhead >= 0
        ? claimAhead
        : AthenaDaemon.DEFAULT_CLAIM_AHEAD_FACTOR * concurrency.get(family);
  }
}
