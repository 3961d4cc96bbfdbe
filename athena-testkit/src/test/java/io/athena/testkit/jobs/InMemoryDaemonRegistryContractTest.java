package io.athena.testkit.jobs;

import io.athena.core.jobs.InMemoryDaemonRegistry;
import io.athena.spi.jobs.DaemonRegistry;
import java.time.InstantSource;

/** The in-memory reference registry passes the daemon registry contract. */
class InMemoryDaemonRegistryContractTest extends DaemonRegistryContract {
  @Override
  protected DaemonRegistry newRegistry(InstantSource clock) {
    return new InMemoryDaemonRegistry(clock);
  }
}
