/**
 * The gateway: parses {@code /gateway/*} bodies into typed operations, runs them on the client's
 * backend and writes the contract's envelopes.
 */
package io.athena.core.gateway;
