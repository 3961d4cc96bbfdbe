/**
 * Athena's meters and {@code GET /metrics}: {@link io.athena.core.metrics.AthenaMeters} joins the
 * host's registry (if any) and Athena's own Prometheus registry, {@link
 * io.athena.core.metrics.MetricsRoutes} serves the Prometheus text.
 */
package io.athena.core.metrics;
