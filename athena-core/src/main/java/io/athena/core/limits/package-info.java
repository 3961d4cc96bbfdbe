/**
 * Limits counted across nodes: {@link io.athena.core.limits.InMemorySharedLimits}, the one-JVM
 * reference of the {@link io.athena.spi.limits.SharedLimits} SPI (and the per-node rate limit), and
 * {@link io.athena.core.limits.GuardedLimits}, which puts a circuit in front of a shared store and
 * tells its callers to count locally while it cannot answer.
 */
package io.athena.core.limits;
