/** Routable clients: which backend answers {@code X-Athena-Client: <name>}. */
package io.athena.core.clients;
