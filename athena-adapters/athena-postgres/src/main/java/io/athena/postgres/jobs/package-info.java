/**
 * The durable, multi-process job queue on PostgreSQL: {@link
 * io.athena.postgres.jobs.PostgresJobStore} (jobs, leases and event logs, claimed with {@code FOR
 * UPDATE SKIP LOCKED}) and {@link io.athena.postgres.jobs.PostgresDaemonRegistry} (which daemons
 * are alive). Failures are {@link io.athena.postgres.jobs.JobStoreException}s; {@link
 * io.athena.postgres.jobs.StoreUnavailableException} marks the ones worth retrying later.
 */
package io.athena.postgres.jobs;
