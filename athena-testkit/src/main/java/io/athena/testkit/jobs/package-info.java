/**
 * Test support for job stores and daemons: {@link io.athena.testkit.jobs.SettableClock} (time that
 * moves only when a test says so) and the compatibility suites every {@link
 * io.athena.spi.jobs.JobStore} and {@link io.athena.spi.jobs.DaemonRegistry} implementation
 * extends, {@link io.athena.testkit.jobs.JobStoreContract} and {@link
 * io.athena.testkit.jobs.DaemonRegistryContract}.
 */
package io.athena.testkit.jobs;
