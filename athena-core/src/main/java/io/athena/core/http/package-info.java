/**
 * Athena's own, tiny HTTP model: what a hosting adapter (servlet today, anything tomorrow) hands to
 * the router and gets back. Core never sees a container's types.
 */
package io.athena.core.http;
