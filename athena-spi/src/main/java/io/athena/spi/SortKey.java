package io.athena.spi;

import java.util.Objects;

/** One column of an ORDER BY. */
public record SortKey(String column, boolean descending) {
  public SortKey {
    Objects.requireNonNull(column, "column");
  }
}
