/**
 * Athena's engine. {@link io.athena.core.Athena} wires configuration, backends and routes into a
 * {@link io.athena.core.router.Router} that any hosting adapter can serve.
 */
package io.athena.core;
