/**
 * How a backend reports the health of its clients: a timed {@link io.athena.spi.health.ClientProbe}
 * and a {@link io.athena.spi.health.PoolSnapshot} of its connection pool. Core's background prober
 * asks for them; {@code /health/cluster}, {@code /admin/pools} and the {@code athena_client_*}
 * meters show them.
 */
package io.athena.spi.health;
