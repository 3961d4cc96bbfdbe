/**
 * {@link io.athena.testkit.cache.CacheStoreContract}: the behaviour every {@link
 * io.athena.spi.cache.CacheStore} tier must show, as an abstract JUnit 5 suite.
 */
package io.athena.testkit.cache;
