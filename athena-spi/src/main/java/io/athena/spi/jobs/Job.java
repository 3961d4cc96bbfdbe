package io.athena.spi.jobs;

import java.time.Instant;

/**
 * A job as stored.
 *
 * @param attempts attempts started so far (a claim starts one)
 * @param leaseOwner the daemon holding the job while {@link JobStatus#RUNNING}, else null
 * @param leaseExpiresAt when the lease lapses unless renewed, else null
 * @param lastError the last attempt's error, kept after a terminal failure
 * @param result the handler's JSON result once {@link JobStatus#COMPLETED}, else null
 */
public record Job(
    JobId id,
    String family,
    String payload,
    JobStatus status,
    int priority,
    Instant runAt,
    int attempts,
    int maxAttempts,
    String idempotencyKey,
    String leaseOwner,
    Instant leaseExpiresAt,
    String lastError,
    String result,
    Instant createdAt,
    Instant updatedAt) {}
