/**
 * API keys and rights for the gateway: {@link io.athena.core.auth.GatewaySecurity} verifies a
 * presented key (cached briefly), checks the right an operation needs, applies the request limits
 * and the rate limit; {@link io.athena.core.auth.InMemoryKeyStore} is the reference key store and
 * {@link io.athena.core.auth.ApiKeyRoutes} the admin routes that manage keys. Key secrets exist in
 * plaintext only in the request that presents them and in the answer that creates them.
 */
package io.athena.core.auth;
