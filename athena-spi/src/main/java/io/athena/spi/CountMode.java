package io.athena.spi;

/** How a fetch counts the rows matching its filters, regardless of paging. */
public enum CountMode {
  /** {@code count(*)} over the filtered rows. */
  EXACT,
  /** The planner's row estimate for the filtered query. */
  PLANNED,
  /** The table statistics' row estimate when no filter applies, else the planner's estimate. */
  ESTIMATED
}
