package io.athena.spi.jobs;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a job is in its life. A failed attempt with attempts left goes back to {@link #QUEUED} with
 * a later run-at; {@link #FAILED} is terminal and keeps the last error.
 */
public enum JobStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  public static Optional<JobStatus> fromWireName(String name) {
    for (JobStatus status : values()) {
      if (status.wireName().equalsIgnoreCase(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
