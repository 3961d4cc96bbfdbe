/** The compatibility suite of {@link io.athena.spi.limits.SharedLimits} stores. */
package io.athena.testkit.limits;
