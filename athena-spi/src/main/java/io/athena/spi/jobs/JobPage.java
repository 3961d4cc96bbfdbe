package io.athena.spi.jobs;

import java.util.List;

/** One page of jobs and the cursor of the next, or null when this was the last. */
public record JobPage(List<Job> jobs, String nextCursor) {
  public JobPage {
    jobs = List.copyOf(jobs);
  }
}
