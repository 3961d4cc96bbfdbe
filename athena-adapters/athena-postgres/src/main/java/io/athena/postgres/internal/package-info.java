/**
 * Implementation of the PostgreSQL backend; not an API. The pieces, in request order: {@link
 * io.athena.postgres.internal.CatalogCache} (what tables and columns exist, cached per client),
 * {@link io.athena.postgres.internal.SqlCompiler} (operation → one parameterized statement, pure),
 * {@link io.athena.postgres.internal.ClientRuntime} (runs statements on a pooled connection),
 * {@link io.athena.postgres.internal.ResultSetRowStream} (lazy rows) and {@link
 * io.athena.postgres.internal.SqlErrorTranslator} (SQLSTATE → stable error codes).
 */
package io.athena.postgres.internal;
