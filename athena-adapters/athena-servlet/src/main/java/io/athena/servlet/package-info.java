/**
 * Jakarta Servlet 6 hosting for Athena: {@link io.athena.servlet.AthenaServlet} turns servlet
 * requests into core's {@link io.athena.core.http.HttpRequest} and streams the router's answer
 * back. The servlet API is a {@code provided} dependency: the host's container supplies it.
 */
package io.athena.servlet;
