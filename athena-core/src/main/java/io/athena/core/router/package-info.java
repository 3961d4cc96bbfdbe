/**
 * The HTTP-neutral router: a table of routes (method, path template, owner, access) that feeds
 * dispatch, {@code GET /} and the route registry, and the per-request {@link
 * io.athena.core.router.Exchange}.
 */
package io.athena.core.router;
