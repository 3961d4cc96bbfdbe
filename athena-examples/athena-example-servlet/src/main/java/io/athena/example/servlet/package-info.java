/**
 * A runnable Athena: {@link io.athena.example.servlet.ExampleServletApp} serves the gateway from
 * Jetty 12 through {@link io.athena.servlet.AthenaServlet}, against a configured PostgreSQL or an
 * embedded demo database.
 */
package io.athena.example.servlet;
