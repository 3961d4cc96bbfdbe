/**
 * The contracts between Athena's engine and the parts a host may plug in: the {@link
 * io.athena.spi.Backend} that runs gateway operations, the typed operation records the gateway
 * parses requests into, and the error vocabulary shared by every module. Depends on the JDK only.
 */
package io.athena.spi;
