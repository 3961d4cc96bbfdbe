package io.athena.postgres.internal;

import io.athena.spi.CountMode;
import java.util.Objects;

/**
 * How to count the rows of a fetch.
 *
 * @param mode what was asked for
 * @param statement for EXACT a {@code count(*)}; for PLANNED an {@code EXPLAIN (FORMAT JSON)}; for
 *     ESTIMATED without filters a {@code pg_class.reltuples} lookup, else an EXPLAIN
 * @param explainFallback the EXPLAIN to use when the table statistics have no estimate (never
 *     analyzed, or a view); {@code null} unless {@code statement} reads {@code reltuples}
 */
record CountQuery(CountMode mode, SqlStatement statement, SqlStatement explainFallback) {
  CountQuery {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(statement, "statement");
  }

  boolean readsStatistics() {
    return explainFallback != null;
  }
}
