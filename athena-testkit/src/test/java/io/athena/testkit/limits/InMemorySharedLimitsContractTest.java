package io.athena.testkit.limits;

import io.athena.core.limits.InMemorySharedLimits;
import io.athena.spi.limits.SharedLimits;
import java.time.InstantSource;

/** The in-memory reference passes the contract. */
class InMemorySharedLimitsContractTest extends SharedLimitsContract {
  @Override
  protected SharedLimits newStore() {
    return new InMemorySharedLimits(InstantSource.system());
  }
}
