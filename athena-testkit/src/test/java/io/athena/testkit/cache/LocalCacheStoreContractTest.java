package io.athena.testkit.cache;

import io.athena.core.cache.LocalCacheStore;
import io.athena.spi.cache.CacheStore;

/** The Caffeine tier passes the contract. */
class LocalCacheStoreContractTest extends CacheStoreContract {
  @Override
  protected CacheStore newStore() {
    return new LocalCacheStore(1000);
  }
}
