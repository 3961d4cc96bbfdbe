/**
 * Implementation of the PostgreSQL job store; not an API. {@link
 * io.athena.postgres.internal.jobs.JobSql} holds every statement, {@link
 * io.athena.postgres.internal.jobs.SchemaMigrator} creates and upgrades the tables under an
 * advisory lock, {@link io.athena.postgres.internal.jobs.StatementRunner} runs one statement per
 * call and translates failures, and {@link io.athena.postgres.internal.jobs.CompletionCombiner}
 * folds concurrent completions into one batched statement.
 */
package io.athena.postgres.internal.jobs;
