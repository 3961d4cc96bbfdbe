package io.athena.postgres.internal;

import java.util.Objects;

/**
 * A compiled fetch: the SELECT and, when a count was asked for, how to count.
 *
 * @param count {@code null} when no count was asked for
 */
record CompiledFetch(SqlStatement select, CountQuery count) {
  CompiledFetch {
    Objects.requireNonNull(select, "select");
  }
}
