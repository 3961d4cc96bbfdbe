package io.athena.testkit.jobs;

import io.athena.core.jobs.InMemoryJobStore;
import io.athena.spi.jobs.JobStore;
import java.time.InstantSource;

/** The in-memory reference store passes the job store contract. */
class InMemoryJobStoreContractTest extends JobStoreContract {
  @Override
  protected JobStore newStore(InstantSource clock) {
    return new InMemoryJobStore(clock);
  }
}
