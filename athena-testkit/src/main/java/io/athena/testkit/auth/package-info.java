/** The compatibility suite every {@link io.athena.spi.auth.KeyStore} implementation extends. */
package io.athena.testkit.auth;
