package io.athena.testkit.auth;

import io.athena.core.auth.InMemoryKeyStore;
import io.athena.spi.auth.KeyStore;

class InMemoryKeyStoreContractTest extends KeyStoreContract {
  @Override
  protected KeyStore store() {
    return new InMemoryKeyStore();
  }
}
