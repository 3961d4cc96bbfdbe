package io.athena.postgres.controlplane;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How the audit sink queues and writes.
 *
 * @param queueCapacity records waiting at most; a full queue drops and counts
 * @param batchSize records per write at most
 * @param flushInterval how long the first record of a batch waits for others at most
 * @param closeTimeout how long {@code close()} waits for the queue to be written
 * @param minRetryBackoff the first pause after a failed write to an unreachable control plane
 * @param maxRetryBackoff the longest pause between retries
 * @param requestLogRetention how long request log rows are kept; zero keeps every row
 * @param clock the time source the retention is counted on
 */
record AuditSettings(
    int queueCapacity,
    int batchSize,
    Duration flushInterval,
    Duration closeTimeout,
    Duration minRetryBackoff,
    Duration maxRetryBackoff,
    Duration requestLogRetention,
    InstantSource clock) {
  AuditSettings {
    Objects.requireNonNull(flushInterval, "flushInterval");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    Objects.requireNonNull(minRetryBackoff, "minRetryBackoff");
    Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
    Objects.requireNonNull(requestLogRetention, "requestLogRetention");
    Objects.requireNonNull(clock, "clock");
  }
}
