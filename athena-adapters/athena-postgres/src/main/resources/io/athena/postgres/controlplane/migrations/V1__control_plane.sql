-- Athena control plane, version 1: the client catalog, the gateway request log and the client
-- statistics aggregated from it.
-- ${schema} is replaced by the quoted schema name; statements are separated by lines holding only ';'.
-- Times are written by Athena (request arrival, its clock), never by now().

-- Runtime-managed clients (/admin/clients). A row may also only override a client of the config
-- file (freeze or deactivate it): then it has neither pg_uri nor pg_uri_env_var.
CREATE TABLE ${schema}.athena_clients (
  name           text        PRIMARY KEY,
  pg_uri         text,
  pg_uri_env_var text,
  description    text,
  is_active      boolean     NOT NULL DEFAULT true,
  is_frozen      boolean     NOT NULL DEFAULT false,
  is_deleted     boolean     NOT NULL DEFAULT false,
  deleted_at     timestamptz,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
)
;
-- One row per gateway request, written in batches by the audit sink. Every gateway operation
-- touches at most one table, so the table and operation live on the request row: a separate
-- per-operation log would repeat every row (twice the writes) without adding a fact. No primary
-- key: rows are only ever appended and read by the indexes below; id breaks ties in time order.
CREATE TABLE ${schema}.gateway_request_log (
  id            bigint           GENERATED ALWAYS AS IDENTITY,
  created_at    timestamptz      NOT NULL,
  request_id    text             NOT NULL,
  client        text,
  method        text             NOT NULL,
  path          text             NOT NULL,
  status_code   integer          NOT NULL,
  duration_ms   double precision NOT NULL,
  table_name    text,
  operation     text,
  cache_outcome text,
  user_id       text,
  org_id        text,
  company_id    text,
  api_key_id    text,
  error_code    text,
  message       text,
  cache_key     text,
  trace_id      text
)
;
-- The drilldown of one client, newest first (with or without a status filter).
CREATE INDEX gateway_request_log_client_newest
  ON ${schema}.gateway_request_log (client, created_at DESC, id DESC)
;
-- The drilldown of one client's table and operation, newest first.
CREATE INDEX gateway_request_log_client_table_newest
  ON ${schema}.gateway_request_log (client, table_name, operation, created_at DESC, id DESC)
;
-- Retention (DELETE ... WHERE created_at < ...): rows arrive in time order, so a BRIN index finds
-- old ones for the cost of a few pages.
CREATE INDEX gateway_request_log_created_brin
  ON ${schema}.gateway_request_log USING brin (created_at)
;
-- Counters per client, raised once per client per audit batch.
CREATE TABLE ${schema}.client_statistics (
  client_name           text        PRIMARY KEY,
  total_requests        bigint      NOT NULL,
  successful_requests   bigint      NOT NULL,
  failed_requests       bigint      NOT NULL,
  total_cached_requests bigint      NOT NULL,
  last_request_at       timestamptz
)
;
-- Counters per client, table and operation, raised once per key per audit batch.
CREATE TABLE ${schema}.client_table_statistics (
  client_name       text        NOT NULL,
  table_name        text        NOT NULL,
  operation         text        NOT NULL,
  total_operations  bigint      NOT NULL,
  error_operations  bigint      NOT NULL,
  last_operation_at timestamptz,
  PRIMARY KEY (client_name, table_name, operation)
)
;
