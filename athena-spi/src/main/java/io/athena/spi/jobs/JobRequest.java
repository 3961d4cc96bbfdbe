package io.athena.spi.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * What a host submits.
 *
 * @param family the worker family that runs it, such as {@code deferred} or a host's own
 * @param payload JSON text handed to the handler
 * @param priority higher runs first among jobs that are due
 * @param runAt not before this instant; {@code null} means now
 * @param maxAttempts attempts before the job fails for good, at least 1
 * @param idempotencyKey a second submit with the same key returns the first job; may be null
 */
public record JobRequest(
    String family,
    String payload,
    int priority,
    Instant runAt,
    int maxAttempts,
    String idempotencyKey) {
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  public JobRequest {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(payload, "payload");
    if (family.isBlank()) {
      throw new IllegalArgumentException("family must not be blank");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts was " + maxAttempts + " but must be >= 1");
    }
  }

  /** A job due now with default priority and attempts. */
  public static JobRequest of(String family, String payload) {
    return new JobRequest(family, payload, 0, null, DEFAULT_MAX_ATTEMPTS, null);
  }

  public JobRequest withPriority(int value) {
    return new JobRequest(family, payload, value, runAt, maxAttempts, idempotencyKey);
  }

  public JobRequest withRunAt(Instant value) {
    return new JobRequest(family, payload, priority, value, maxAttempts, idempotencyKey);
  }

  public JobRequest withMaxAttempts(int value) {
    return new JobRequest(family, payload, priority, runAt, value, idempotencyKey);
  }

  public JobRequest withIdempotencyKey(String value) {
    return new JobRequest(family, payload, priority, runAt, maxAttempts, value);
  }
}
