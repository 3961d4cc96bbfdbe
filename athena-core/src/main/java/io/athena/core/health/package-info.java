/**
 * Client and mirror health: {@link io.athena.core.health.HealthProber} probes every routable client
 * (through its backend) and every configured mirror in the background, keeps the latest result of
 * each, and feeds {@code GET /health/cluster}, {@code GET /admin/pools} ({@link
 * io.athena.core.health.HealthRoutes}) and the {@code athena_client_*} and {@code
 * athena_pool_connections} meters. Routes read results; they never wait on a database.
 */
package io.athena.core.health;
