package io.athena.spi.jobs;

/**
 * A page request over jobs, newest first.
 *
 * @param family only this family, or null
 * @param status only this status, or null
 * @param limit at most this many, 1..1000
 * @param cursor the {@code nextCursor} of the previous page, or null for the first
 */
public record JobFilter(String family, JobStatus status, int limit, String cursor) {
  public JobFilter {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit was " + limit + " but must be 1..1000");
    }
  }
}
