/**
 * Versioned schema migrations shared by Athena's PostgreSQL stores; not an API. {@link
 * io.athena.postgres.internal.migrations.SchemaMigrator} applies a component's scripts under an
 * advisory lock and records them in {@code athena_schema_migrations}, keyed by component.
 */
package io.athena.postgres.internal.migrations;
