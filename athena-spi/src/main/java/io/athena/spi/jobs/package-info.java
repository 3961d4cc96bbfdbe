/**
 * The durable job queue's contracts: {@link io.athena.spi.jobs.JobStore} (where jobs live), {@link
 * io.athena.spi.jobs.JobHandler} (what runs a family of jobs) and {@link
 * io.athena.spi.jobs.DaemonRegistry} (which daemons are alive). Payloads and results are JSON text,
 * so this package needs no JSON library.
 */
package io.athena.spi.jobs;
