/**
 * API keys kept in PostgreSQL: {@link io.athena.postgres.auth.PostgresKeyStore} over a host's
 * {@link javax.sql.DataSource}, with its table created by a small versioned migration.
 */
package io.athena.postgres.auth;
