package io.athena.postgres.internal.jobs;

import io.athena.postgres.internal.jobs.StatementRunner.ArrayParam;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The store's single-job state changes and the claim and reaper statements. Ids that are not
 * canonical UUIDs cannot name a job of this store, so they answer "not held" / "not found" without
 * a round trip.
 */
public final class JobTransitions {
  /** Jobs one purge statement deletes at most. */
  static final int PURGE_BATCH = 5000;

  /** Purge statements per call at most: a backlog is worked off over several reaper runs. */
  static final int MAX_PURGE_ROUNDS = 20;

  private final JobStoreRuntime runtime;

  public JobTransitions(JobStoreRuntime runtime) {
    this.runtime = runtime;
  }

  public List<Job> claim(String daemonId, Set<String> families, int max, Duration lease) {
    Instant now = runtime.now();
    return runtime
        .runner()
        .query(
            () -> "claim jobs of " + families + " for daemon '" + daemonId + "'",
            runtime.sql().claim(),
            JobRows::job,
            new ArrayParam("text", families.toArray(new String[0])),
            now,
            max,
            max,
            daemonId,
            now.plus(lease),
            now);
  }

  public boolean heartbeat(JobId id, String daemonId, Duration lease) {
    UUID uuid = JobIds.parse(id);
    if (uuid == null || daemonId == null) {
      return false;
    }
    Instant now = runtime.now();
    int updated =
        runtime
            .runner()
            .update(
                () -> "extend the lease of job " + id + " for daemon '" + daemonId + "'",
                runtime.sql().heartbeat(),
                now.plus(lease),
                now,
                uuid,
                daemonId);
    return updated == 1;
  }

  public boolean fail(JobId id, String daemonId, String error, Instant retryAt) {
    UUID uuid = JobIds.parse(id);
    if (uuid == null || daemonId == null) {
      return false;
    }
    Instant now = runtime.now();
    String text = String.valueOf(error);
    List<Object> rows;
    if (retryAt == null) {
      rows =
          ids(
              () -> "fail job " + id,
              runtime.sql().failForGood(),
              error,
              now,
              uuid,
              daemonId,
              now,
              daemonId,
              text);
    } else {
      Instant at = JobRows.micros(retryAt);
      rows =
          ids(
              () -> "fail job " + id + " for a retry",
              runtime.sql().failAndRetry(),
              at,
              error,
              now,
              uuid,
              daemonId,
              now,
              daemonId,
              at.toString(),
              text,
              at.toString());
    }
    return !rows.isEmpty();
  }

  public boolean release(JobId id, String daemonId) {
    UUID uuid = JobIds.parse(id);
    if (uuid == null || daemonId == null) {
      return false;
    }
    Instant now = runtime.now();
    String sql = runtime.sql().release();
    return !ids(() -> "release job " + id, sql, now, uuid, daemonId, now, daemonId).isEmpty();
  }

  public boolean cancel(JobId id) {
    UUID uuid = JobIds.parse(id);
    if (uuid == null) {
      return false;
    }
    Instant now = runtime.now();
    return !ids(() -> "cancel job " + id, runtime.sql().cancel(), uuid, now, now).isEmpty();
  }

  public Optional<Job> retry(JobId id) {
    UUID uuid = JobIds.parse(id);
    if (uuid == null) {
      return Optional.empty();
    }
    Instant now = runtime.now();
    List<Job> retried =
        runtime
            .runner()
            .query(
                () -> "requeue job " + id,
                runtime.sql().retry(),
                JobRows::job,
                uuid,
                now,
                now,
                now);
    return retried.stream().findFirst();
  }

  public int reapExpiredLeases() {
    Instant now = runtime.now();
    return ids(() -> "reap lapsed leases", runtime.sql().reap(), now, now, now, now).size();
  }

  /**
   * Deletes jobs that ended more than {@code retention} ago, with their events, in statements of
   * {@link #PURGE_BATCH} so no statement holds many locks for long.
   *
   * @return how many jobs were deleted
   */
  public int purgeFinished(Duration retention) {
    Instant cutoff = runtime.now().minus(retention);
    int total = 0;
    for (int round = 0; round < MAX_PURGE_ROUNDS; round++) {
      List<Object> deleted =
          ids(
              () -> "delete jobs that ended before " + cutoff,
              runtime.sql().purgeFinished(),
              cutoff,
              cutoff,
              PURGE_BATCH);
      int n = ((Number) deleted.get(0)).intValue();
      total += n;
      if (n < PURGE_BATCH) {
        break;
      }
    }
    return total;
  }

  /** Appends an event; false when no job has this id. */
  public boolean appendEvent(
      JobId id, String daemonId, String level, String kind, String message, String details) {
    UUID uuid = JobIds.parse(id);
    if (uuid == null) {
      return false;
    }
    int inserted =
        runtime
            .runner()
            .update(
                () -> "append a '" + kind + "' event to job " + id,
                runtime.sql().appendEvent(),
                uuid,
                runtime.now(),
                daemonId,
                level,
                kind,
                message,
                details,
                uuid);
    return inserted == 1;
  }

  private List<Object> ids(Supplier<String> action, String sql, Object... params) {
    return runtime.runner().query(action, sql, row -> row.getObject(1), params);
  }
}
