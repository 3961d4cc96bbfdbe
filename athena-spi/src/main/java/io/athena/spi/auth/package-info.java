/**
 * The API-key store contract: {@link io.athena.spi.auth.KeyStore} keeps key metadata and a salted
 * hash per key, never a key's secret. Core verifies keys and checks rights; a store only persists.
 */
package io.athena.spi.auth;
