/**
 * Limits several nodes count together: {@link io.athena.spi.limits.SharedLimits}, token buckets for
 * rate limits and leased slots for concurrency limits, so that per-client limits hold cluster-wide.
 */
package io.athena.spi.limits;
