/**
 * The job queue hosts use: the {@link io.athena.core.jobs.Jobs} facade (validated submit, look-up,
 * cancel, retry, events, depth), the embedded {@link io.athena.core.jobs.InMemoryJobStore} and
 * {@link io.athena.core.jobs.InMemoryDaemonRegistry}, and the {@code /admin/jobs} and {@code
 * /admin/daemons} routes. Durable stores (PostgreSQL) implement the same {@link
 * io.athena.spi.jobs.JobStore} SPI in their adapter module.
 */
package io.athena.core.jobs;
