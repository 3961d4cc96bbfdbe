package io.athena.spi.jobs;

import java.time.Instant;

/**
 * One entry of a job's append-only event log.
 *
 * @param eventId increasing per store
 * @param daemonId the daemon that wrote it, or null for API-side events (submit, cancel)
 * @param level {@code info}, {@code warn} or {@code error}
 * @param kind a short machine-readable word: {@code submitted}, {@code claimed}, {@code completed},
 *     {@code failed}, {@code retry_scheduled}, {@code lease_expired}, {@code cancelled}, or a
 *     handler's own
 * @param details JSON text, or null
 */
public record JobEvent(
    long eventId,
    JobId jobId,
    Instant createdAt,
    String daemonId,
    String level,
    String kind,
    String message,
    String details) {}
