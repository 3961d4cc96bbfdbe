/**
 * The read cache's contract: {@link io.athena.spi.cache.CacheStore}, one tier of cached fetch
 * responses plus the per-scope generations that make them stale. Entries are opaque bytes, so this
 * package needs no JSON library.
 */
package io.athena.spi.cache;
