package io.athena.postgres.internal.jobs;

import io.athena.postgres.internal.migrations.SchemaName;

/**
 * Every statement of the PostgreSQL job store and daemon registry, for one schema. The store's
 * single seam to PostgreSQL: nothing else in the store writes SQL.
 *
 * <p>Each write is one statement that also appends its events through a data-modifying CTE, so a
 * state change and its event log entry commit together in one round trip. Every time is a bound
 * parameter taken from the store's clock; nothing uses {@code now()}.
 */
public final class JobSql {

  /** The columns of a {@code Job}, in the order {@link JobRows} reads them. */
  static final String JOB_COLUMNS =
      "id, family, payload, status, priority, run_at, attempts, max_attempts, idempotency_key,"
          + " lease_owner, lease_expires_at, last_error, result, created_at, updated_at, seq";

  private static final String EVENT_COLUMNS =
      "id, job_id, created_at, daemon_id, level, kind, message, details";

  private static final String DAEMON_COLUMNS =
      "daemon_id, role, families, host, started_at, last_heartbeat_at, status";

  private final SchemaName schema;
  private final String jobs;
  private final String events;
  private final String daemons;

  /**
   * @throws IllegalArgumentException unless {@code schema} is 1-63 ASCII letters, digits, {@code _}
   *     or {@code $}, not starting with a digit or {@code $}
   */
  public JobSql(String schema) {
    this.schema = new SchemaName(schema);
    String quoted = this.schema.quoted();
    this.jobs = quoted + ".athena_jobs";
    this.events = quoted + ".athena_job_events";
    this.daemons = quoted + ".athena_daemons";
  }

  /** The schema name as configured (unquoted). */
  public String schema() {
    return schema.name();
  }

  /** The schema, checked and quotable. */
  public SchemaName schemaName() {
    return schema;
  }

  // ---- jobs -------------------------------------------------------------------------------------

  /**
   * Inserts a batch given as parallel arrays (id, family, payload, priority, run_at or null,
   * max_attempts, idempotency_key or null), then the default run-at, created-at and updated-at.
   * Requests whose idempotency key exists are skipped; the new rows come back in request order.
   */
  String submit() {
    return "WITH input AS ("
        + " SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::int4[],"
        + " ?::text[]) WITH ORDINALITY AS u(id, family, payload, priority, run_at, max_attempts,"
        + " idempotency_key, ord)),"
        + " inserted AS (INSERT INTO "
        + jobs
        + " (id, family, payload, status, priority, run_at, attempts, max_attempts,"
        + " idempotency_key, created_at, updated_at)"
        + " SELECT id, family, payload, 'queued', priority,"
        + " coalesce(run_at::timestamptz, ?::timestamptz), 0, max_attempts, idempotency_key,"
        + " ?::timestamptz, ?::timestamptz FROM input ORDER BY ord"
        + " ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING"
        + " RETURNING "
        + JOB_COLUMNS
        + "), logged AS ("
        + insertEvents()
        + " SELECT id, created_at, NULL, 'info', 'submitted', 'job submitted', NULL"
        + " FROM inserted ORDER BY seq)"
        + " SELECT "
        + JOB_COLUMNS
        + " FROM inserted ORDER BY seq";
  }

  /** The jobs holding any of the given idempotency keys (text[]). */
  String byIdempotencyKeys() {
    return "SELECT " + JOB_COLUMNS + " FROM " + jobs + " WHERE idempotency_key = ANY(?::text[])";
  }

  String get() {
    return "SELECT " + JOB_COLUMNS + " FROM " + jobs + " WHERE id = ?::uuid";
  }

  /**
   * Claims a batch: families (text[]), now, limit (per family), limit (overall), then daemon id,
   * lease expiry and now again.
   *
   * <p>Per family, the lateral subquery walks the partial index {@code athena_jobs_due} in claim
   * order and stops after {@code limit} rows, skipping rows other daemons are claiming this
   * instant, so concurrent claimers never wait on each other or take the same job. The obvious
   * {@code family = ANY(?)} cannot use the index order for a list (PostgreSQL 15 turns it into a
   * bitmap scan plus a sort of every due job of those families: the whole queue, per claim). With
   * several families, up to {@code limit} rows per family are locked and the best {@code limit} of
   * them claimed; the others are unlocked again when the statement commits.
   */
  String claim() {
    return "WITH picked AS MATERIALIZED (SELECT due.id FROM unnest(?::text[]) AS f(family)"
        + " CROSS JOIN LATERAL (SELECT id, priority, run_at, created_at, seq FROM "
        + jobs
        + " WHERE status = 'queued' AND family = f.family AND run_at <= ?::timestamptz"
        + " ORDER BY priority DESC, run_at, created_at, seq LIMIT ? FOR UPDATE SKIP LOCKED) due"
        + " ORDER BY due.priority DESC, due.run_at, due.created_at, due.seq LIMIT ?),"
        + " claimed AS (UPDATE "
        + jobs
        + " j SET status = 'running', attempts = j.attempts + 1, lease_owner = ?::text,"
        + " lease_expires_at = ?::timestamptz, updated_at = ?::timestamptz"
        + " FROM picked WHERE j.id = picked.id RETURNING "
        + prefixed("j.", JOB_COLUMNS)
        + "), logged AS ("
        + insertEvents()
        + " SELECT id, updated_at, lease_owner, 'info', 'claimed',"
        + " 'attempt ' || attempts || ' of ' || max_attempts || ' started',"
        + " '{\"attempt\":' || attempts || '}' FROM claimed)"
        + " SELECT "
        + JOB_COLUMNS
        + " FROM claimed ORDER BY priority DESC, run_at, created_at, seq";
  }

  /** Lease expiry, now, id, daemon id. */
  String heartbeat() {
    return "UPDATE "
        + jobs
        + " SET lease_expires_at = ?::timestamptz, updated_at = ?::timestamptz"
        + " WHERE id = ?::uuid AND lease_owner = ?::text AND status = 'running'";
  }

  /**
   * Completes a batch given as parallel arrays (id, daemon id, result), then now twice; answers the
   * ids that were still held by their daemon.
   */
  String complete() {
    return "WITH input AS (SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[])"
        + " AS u(id, daemon_id, result)),"
        + " done AS (UPDATE "
        + jobs
        + " j SET status = 'completed', result = input.result, lease_owner = NULL,"
        + " lease_expires_at = NULL, updated_at = ?::timestamptz FROM input"
        + " WHERE j.id = input.id AND j.lease_owner = input.daemon_id AND j.status = 'running'"
        + " RETURNING j.id, input.daemon_id, j.attempts),"
        + " logged AS ("
        + insertEvents()
        + " SELECT id, ?::timestamptz, daemon_id, 'info', 'completed',"
        + " 'attempt ' || attempts || ' completed', NULL FROM done)"
        + " SELECT id FROM done";
  }

  /**
   * Fails a held job for good: error, now, id, daemon id, then now, daemon id and error for the
   * event. Answers one row when the daemon still held the job.
   */
  String failForGood() {
    return "WITH failed AS (UPDATE "
        + jobs
        + " SET status = 'failed', last_error = ?::text, lease_owner = NULL,"
        + " lease_expires_at = NULL, updated_at = ?::timestamptz"
        + " WHERE id = ?::uuid AND lease_owner = ?::text AND status = 'running'"
        + " RETURNING id, attempts, max_attempts),"
        + " logged AS ("
        + insertEvents()
        + " SELECT id, ?::timestamptz, ?::text, 'error', 'failed',"
        + " 'attempt ' || attempts || ' of ' || max_attempts || ' failed for good: ' || ?::text,"
        + " NULL FROM failed)"
        + " SELECT id FROM failed";
  }

  /**
   * Requeues a held job after a failed attempt: retry-at, error, now, id, daemon id, then now,
   * daemon id, retry-at text, error and retry-at text again for the event.
   */
  String failAndRetry() {
    return "WITH failed AS (UPDATE "
        + jobs
        + " SET status = 'queued', run_at = ?::timestamptz, last_error = ?::text,"
        + " lease_owner = NULL, lease_expires_at = NULL, updated_at = ?::timestamptz"
        + " WHERE id = ?::uuid AND lease_owner = ?::text AND status = 'running'"
        + " RETURNING id, attempts, max_attempts),"
        + " logged AS ("
        + insertEvents()
        + " SELECT id, ?::timestamptz, ?::text, 'warn', 'retry_scheduled',"
        + " 'attempt ' || attempts || ' of ' || max_attempts || ' failed, retrying at '"
        + " || ?::text || ': ' || ?::text,"
        + " '{\"attempt\":' || attempts || ',\"retry_at\":\"' || ?::text || '\"}'"
        + " FROM failed)"
        + " SELECT id FROM failed";
  }

  /**
   * Gives a held job back unstarted, without the attempt its claim counted: now, id, daemon id,
   * then now and daemon id for the event. Its run-at is kept, so it keeps its place in the queue.
   */
  String release() {
    return "WITH released AS (UPDATE "
        + jobs
        + " SET status = 'queued', attempts = greatest(attempts - 1, 0), lease_owner = NULL,"
        + " lease_expires_at = NULL, updated_at = ?::timestamptz"
        + " WHERE id = ?::uuid AND lease_owner = ?::text AND status = 'running' RETURNING id),"
        + " logged AS ("
        + insertEvents()
        + " SELECT id, ?::timestamptz, ?::text, 'info', 'released',"
        + " 'released unstarted; back in the queue', NULL FROM released)"
        + " SELECT id FROM released";
  }

  /**
   * Cancels a queued or running job: id, now, then now for the event. The row is locked first so
   * the event can name the status it was cancelled in.
   */
  String cancel() {
    return "WITH target AS MATERIALIZED (SELECT id, status FROM "
        + jobs
        + " WHERE id = ?::uuid AND status IN ('queued', 'running') FOR UPDATE),"
        + " cancelled AS (UPDATE "
        + jobs
        + " j SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL,"
        + " updated_at = ?::timestamptz FROM target WHERE j.id = target.id"
        + " RETURNING j.id, target.status AS was),"
        + " logged AS ("
        + insertEvents()
        + " SELECT id, ?::timestamptz, NULL, 'info', 'cancelled', 'job cancelled while ' || was,"
        + " NULL FROM cancelled)"
        + " SELECT id FROM cancelled";
  }

  /**
   * Requeues a failed or cancelled job with fresh attempts, due now: id, now (run-at), now
   * (updated), then now for the event. Keeps the last error for the record.
   */
  String retry() {
    return "WITH target AS MATERIALIZED (SELECT id, status FROM "
        + jobs
        + " WHERE id = ?::uuid AND status IN ('failed', 'cancelled') FOR UPDATE),"
        + " retried AS (UPDATE "
        + jobs
        + " j SET status = 'queued', attempts = 0, run_at = ?::timestamptz, lease_owner = NULL,"
        + " lease_expires_at = NULL, updated_at = ?::timestamptz FROM target"
        + " WHERE j.id = target.id RETURNING "
        + prefixed("j.", JOB_COLUMNS)
        + ", target.status AS was), logged AS ("
        + insertEvents()
        + " SELECT id, ?::timestamptz, NULL, 'info', 'requeued', 'job requeued after it ' || was,"
        + " NULL FROM retried)"
        + " SELECT "
        + JOB_COLUMNS
        + " FROM retried";
  }

  /**
   * Reaps lapsed leases: now (the cut-off), now (run-at of requeued jobs), now (updated), then now
   * for the events. A job with attempts left goes back to the queue due now; one without fails for
   * good. The old owner and expiry come from the locked snapshot, since RETURNING sees new values.
   */
  String reap() {
    return "WITH lapsed AS MATERIALIZED (SELECT id, lease_owner, lease_expires_at FROM "
        + jobs
        + " WHERE status = 'running' AND lease_expires_at <= ?::timestamptz"
        + " FOR UPDATE SKIP LOCKED),"
        + " reaped AS (UPDATE "
        + jobs
        + " j SET status = CASE WHEN j.attempts >= j.max_attempts THEN 'failed' ELSE 'queued' END,"
        + " run_at = CASE WHEN j.attempts >= j.max_attempts THEN j.run_at"
        + " ELSE ?::timestamptz END,"
        + " last_error = 'lease of daemon ' || lapsed.lease_owner || ' expired at '"
        + " || to_char(lapsed.lease_expires_at AT TIME ZONE 'UTC',"
        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
        + " lease_owner = NULL, lease_expires_at = NULL, updated_at = ?::timestamptz"
        + " FROM lapsed WHERE j.id = lapsed.id RETURNING j.id, j.status, j.last_error),"
        + " logged AS ("
        + insertEvents()
        + " SELECT id, ?::timestamptz, NULL, CASE status WHEN 'failed' THEN 'error' ELSE 'warn' END,"
        + " 'lease_expired', last_error || CASE status WHEN 'failed' THEN '; no attempts left'"
        + " ELSE '; back in the queue' END, NULL FROM reaped)"
        + " SELECT id FROM reaped";
  }

  /**
   * Deletes up to a limit of jobs that ended before a cut-off, with their events: cut-off (on
   * created-at, so the range scan of {@code athena_jobs_newest} finds the candidates), cut-off (on
   * updated-at, the real condition: a job is created before its last change), limit.
   */
  String purgeFinished() {
    return "WITH doomed AS MATERIALIZED (SELECT id FROM "
        + jobs
        + " WHERE created_at < ?::timestamptz AND updated_at < ?::timestamptz"
        + " AND status IN ('completed', 'failed', 'cancelled') LIMIT ? FOR UPDATE SKIP LOCKED),"
        + " gone AS (DELETE FROM "
        + jobs
        + " j USING doomed WHERE j.id = doomed.id RETURNING j.id),"
        + " gone_events AS (DELETE FROM "
        + events
        + " e USING gone WHERE e.job_id = gone.id)"
        + " SELECT count(*) FROM gone";
  }

  /** Job id, created-at, daemon id, level, kind, message, details, then the job id again. */
  String appendEvent() {
    return insertEvents()
        + " SELECT ?::uuid, ?::timestamptz, ?::text, ?::text, ?::text, ?::text, ?::text"
        + " WHERE EXISTS (SELECT 1 FROM "
        + jobs
        + " WHERE id = ?::uuid)";
  }

  String events() {
    return "SELECT " + EVENT_COLUMNS + " FROM " + events + " WHERE job_id = ?::uuid ORDER BY id";
  }

  /**
   * One page, newest first, optionally filtered by family and status and continued after a cursor
   * (created-at, seq). Parameters in that order, then the limit.
   */
  String list(boolean byFamily, boolean byStatus, boolean afterCursor) {
    StringBuilder sql =
        new StringBuilder("SELECT ").append(JOB_COLUMNS).append(" FROM ").append(jobs);
    String glue = " WHERE ";
    if (byFamily) {
      sql.append(glue).append("family = ?::text");
      glue = " AND ";
    }
    if (byStatus) {
      sql.append(glue).append("status = ?::text");
      glue = " AND ";
    }
    if (afterCursor) {
      // a row comparison, so the scan of athena_jobs_newest starts at the cursor
      sql.append(glue).append("(created_at, seq) < (?::timestamptz, ?::bigint)");
    }
    return sql.append(" ORDER BY created_at DESC, seq DESC LIMIT ?").toString();
  }

  String depth() {
    return "SELECT family, status, count(*) FROM " + jobs + " GROUP BY family, status";
  }

  private String insertEvents() {
    return "INSERT INTO "
        + events
        + " (job_id, created_at, daemon_id, level, kind, message, details)";
  }

  private static String prefixed(String prefix, String columns) {
    return prefix + columns.replace(", ", ", " + prefix);
  }

  // ---- daemons ----------------------------------------------------------------------------------

  /** Daemon id, role, families (text[]), host, started-at, last heartbeat, status. */
  String registerDaemon() {
    return "INSERT INTO "
        + daemons
        + " ("
        + DAEMON_COLUMNS
        + ") VALUES (?::text, ?::text, ?::text[], ?::text, ?::timestamptz, ?::timestamptz,"
        + " ?::text) ON CONFLICT (daemon_id) DO UPDATE SET role = excluded.role,"
        + " families = excluded.families, host = excluded.host, started_at = excluded.started_at,"
        + " last_heartbeat_at = excluded.last_heartbeat_at, status = excluded.status";
  }

  /** Now, status, daemon id. */
  String daemonHeartbeat() {
    return "UPDATE "
        + daemons
        + " SET last_heartbeat_at = ?::timestamptz, status = ?::text WHERE daemon_id = ?::text";
  }

  String listDaemons() {
    return "SELECT "
        + DAEMON_COLUMNS
        + " FROM "
        + daemons
        + " ORDER BY last_heartbeat_at DESC, daemon_id";
  }
}
