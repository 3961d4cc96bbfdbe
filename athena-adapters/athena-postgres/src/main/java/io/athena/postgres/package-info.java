/**
 * The PostgreSQL gateway backend: {@link io.athena.postgres.PostgresBackend} runs Athena's fetch,
 * insert, update, delete and raw-query operations against PostgreSQL through one HikariCP pool per
 * client. Build it from configuration ({@link io.athena.postgres.PostgresBackend#from}), from
 * host-built data sources ({@link io.athena.postgres.PostgresBackend#builder()}), or let {@code
 * Athena.fromConfig} find it through {@link io.athena.postgres.PostgresBackendProvider}.
 */
package io.athena.postgres;
