/**
 * Test support for Athena modules and adapter authors. {@link
 * io.athena.testkit.EmbeddedPostgresFixture} runs a real PostgreSQL 15 server in-process (no
 * Docker) for integration tests: one shared server per JVM for ordinary tests, and private servers
 * for tests that need to stop one.
 */
package io.athena.testkit;
