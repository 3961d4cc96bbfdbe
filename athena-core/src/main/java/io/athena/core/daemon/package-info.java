/**
 * The embeddable worker daemon: {@link io.athena.core.daemon.AthenaDaemon} claims jobs of the
 * families it owns ({@link io.athena.core.daemon.FamilyOwnership}, from its {@link
 * io.athena.core.daemon.DaemonRole}), runs them on per-family worker threads, renews their leases,
 * retries failures with {@link io.athena.core.daemon.Backoff}, reaps lapsed leases, and drains on
 * close.
 */
package io.athena.core.daemon;
