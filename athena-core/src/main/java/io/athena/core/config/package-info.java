/**
 * Athena's configuration: immutable records, loaded and validated by {@link
 * io.athena.core.config.AthenaConfig#load()}. Secrets are wrapped in {@link
 * io.athena.core.config.Secret} so that they print as {@code <masked>}.
 */
package io.athena.core.config;
