package io.athena.postgres.internal;

import java.util.Objects;

/**
 * A compiled fetch: the SELECT and, when a count was asked for, how to count.
 *
 * @param count {@code null} when no count was asked for
 * @param fitsOneBatch the LIMIT bounds the rows to one fetch batch, so the rows need no cursor
 */
record CompiledFetch(SqlStatement select, CountQuery count, boolean fitsOneBatch) {
  CompiledFetch {
    Objects.requireNonNull(select, "select");
  }
}
