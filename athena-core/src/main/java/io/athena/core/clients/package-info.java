/**
 * Routable clients: which backend answers {@code X-Athena-Client: <name>}. Configured clients are
 * merged with the client catalog's rows and re-read on an interval; {@code /admin/clients} changes
 * the catalog.
 */
package io.athena.core.clients;
