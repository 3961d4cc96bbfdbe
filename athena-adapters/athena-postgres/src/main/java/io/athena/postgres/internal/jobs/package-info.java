/**
 * Implementation of the PostgreSQL job store; not an API. {@link
 * io.athena.postgres.internal.jobs.JobSql} holds every statement, {@link
 * io.athena.postgres.internal.jobs.JobStoreRuntime} migrates the tables (through the shared {@code
 * internal.migrations.SchemaMigrator}, component {@code jobs}), {@link
 * io.athena.postgres.internal.jobs.StatementRunner} runs one statement per call and translates
 * failures, and {@link io.athena.postgres.internal.jobs.CompletionCombiner} folds concurrent
 * completions into one batched statement.
 */
package io.athena.postgres.internal.jobs;
