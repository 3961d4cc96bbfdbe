package io.athena.spi.jobs;

import java.util.Objects;
import java.util.UUID;

/** A job's id: a UUID in its canonical text form. */
public record JobId(String value) {
  public JobId {
    Objects.requireNonNull(value, "value");
  }

  public static JobId random() {
    return new JobId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
