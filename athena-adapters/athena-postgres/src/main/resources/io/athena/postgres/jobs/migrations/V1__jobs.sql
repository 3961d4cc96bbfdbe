-- Athena job store, version 1: jobs, their event log, and the daemon registry.
-- ${schema} is replaced by the quoted schema name; statements are separated by lines holding only ';'.
-- Times are written by the store from its injected clock, never by now(), so tests can move time.

CREATE TABLE ${schema}.athena_jobs (
  id               uuid        PRIMARY KEY,
  -- insertion order: the tie-break of "oldest first" among jobs created in the same microsecond
  seq              bigint      GENERATED ALWAYS AS IDENTITY,
  family           text        NOT NULL,
  payload          text        NOT NULL,
  status           text        NOT NULL
                   CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
  priority         integer     NOT NULL,
  run_at           timestamptz NOT NULL,
  attempts         integer     NOT NULL,
  max_attempts     integer     NOT NULL CHECK (max_attempts >= 1),
  idempotency_key  text,
  lease_owner      text,
  lease_expires_at timestamptz,
  last_error       text,
  result           text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
)
;
-- A queue table turns over fast: every job is inserted and updated twice within seconds. Vacuum
-- it early, so the dead entries that claims walk past in athena_jobs_due stay few, and analyze it
-- early, so cached plans made while the table was small (a sequential scan, rightly then) are
-- invalidated soon after it grows instead of after a 10% / 20% change.
ALTER TABLE ${schema}.athena_jobs SET (
  autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000,
  autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000)
;
-- ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL infers this index
CREATE UNIQUE INDEX athena_jobs_idempotency_key ON ${schema}.athena_jobs (idempotency_key)
  WHERE idempotency_key IS NOT NULL
;
-- The claim query: due queued jobs of a family in claim order. Partial, so it holds only the
-- queue itself and stays small however many finished jobs the table keeps.
CREATE INDEX athena_jobs_due ON ${schema}.athena_jobs (family, priority DESC, run_at, created_at, seq)
  WHERE status = 'queued'
;
-- The reaper: running jobs by lease expiry (a job has a lease exactly while it runs). Keyed on
-- the lease rather than on status = 'running' so the planner cannot pick it for the batched
-- complete, where a scan of every running job would lose to primary-key lookups.
CREATE INDEX athena_jobs_leases ON ${schema}.athena_jobs (lease_expires_at)
  WHERE lease_expires_at IS NOT NULL
;
-- Keyset paging of list(), newest first.
CREATE INDEX athena_jobs_newest ON ${schema}.athena_jobs (created_at DESC, seq DESC)
;
-- Three events per job (submitted, claimed, completed) make this the most written table, so it
-- carries one index only. No foreign key to athena_jobs: every event is written by a statement
-- that has just touched its job, and the per-row RI check (a lookup plus a row lock) would double
-- the cost of the hot path. No primary key either: ids come from the identity sequence and are
-- only ever read per job, through athena_job_events_job.
CREATE TABLE ${schema}.athena_job_events (
  id         bigint      GENERATED ALWAYS AS IDENTITY,
  job_id     uuid        NOT NULL,
  created_at timestamptz NOT NULL,
  daemon_id  text,
  level      text        NOT NULL,
  kind       text        NOT NULL,
  message    text,
  details    text
)
;
CREATE INDEX athena_job_events_job ON ${schema}.athena_job_events (job_id, id)
;
CREATE TABLE ${schema}.athena_daemons (
  daemon_id         text        PRIMARY KEY,
  role              text        NOT NULL,
  families          text[]      NOT NULL,
  host              text,
  started_at        timestamptz NOT NULL,
  last_heartbeat_at timestamptz NOT NULL,
  status            text        NOT NULL
)
;
