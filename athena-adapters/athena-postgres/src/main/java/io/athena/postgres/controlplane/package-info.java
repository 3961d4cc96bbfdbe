/**
 * The control plane in PostgreSQL: {@link io.athena.postgres.controlplane.PostgresControlPlane}
 * (entry, migrations, pools), {@link io.athena.postgres.controlplane.PostgresAuditSink} (the
 * batched, never-blocking request log and statistics), {@link
 * io.athena.postgres.controlplane.PostgresRequestStatistics} (the reads behind the statistics
 * routes) and {@link io.athena.postgres.controlplane.PostgresClientCatalog} ({@code
 * athena_clients}).
 */
package io.athena.postgres.controlplane;
