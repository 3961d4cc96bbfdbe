-- Athena control plane, version 2: one b-tree on the request log instead of two.
-- ${schema} is replaced by the quoted schema name; statements are separated by lines holding only ';'.
--
-- Every audited request pays for each index of gateway_request_log, on the control plane's CPU.
-- The per-table drilldown (client, table_name, operation, newest first) had an index of its own;
-- it now walks the client's index newest first and filters on the columns that index includes,
-- which costs an operator's query a few more index pages instead of costing every request a
-- second index insert (about a third of the log's write cost).
DROP INDEX ${schema}.gateway_request_log_client_table_newest
;
DROP INDEX ${schema}.gateway_request_log_client_newest
;
-- The drilldowns, newest first: by client, and filtered by table, operation or status.
CREATE INDEX gateway_request_log_client_newest
  ON ${schema}.gateway_request_log (client, created_at DESC, id DESC)
  INCLUDE (table_name, operation, status_code)
;
