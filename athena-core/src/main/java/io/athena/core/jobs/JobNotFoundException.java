package io.athena.core.jobs;

import io.athena.spi.AthenaException;
import io.athena.spi.jobs.JobId;
import java.util.Objects;

/** No job has this id (it never existed, or it ended and was pruned). Admin routes answer 404. */
public final class JobNotFoundException extends AthenaException {
  private static final long serialVersionUID = 1L;

  private final transient JobId jobId;

  public JobNotFoundException(JobId jobId) {
    super("job " + jobId + " does not exist");
    this.jobId = Objects.requireNonNull(jobId, "jobId");
  }

  /** The id that was asked for. */
  public JobId jobId() {
    return jobId;
  }
}
