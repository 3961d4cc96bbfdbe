package io.athena.core.config;

/** How much raw SQL ({@code POST /gateway/query}) a client allows. */
public enum RawSqlMode {
  /** Any statement the caller's rights allow. */
  ENABLED,
  /** Only reads, and run in a {@code READ ONLY} transaction so that nothing can write. */
  READ_ONLY,
  /** {@code /gateway/query} answers 403 {@code forbidden}. */
  DISABLED
}
