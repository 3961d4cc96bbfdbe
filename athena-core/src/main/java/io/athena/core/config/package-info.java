/**
 * Athena's configuration: immutable records, loaded and validated by {@link
 * io.athena.core.config.AthenaConfig#load()} from YAML and the environment. Every problem is
 * reported at once in a {@link io.athena.core.config.ConfigException}. Secrets are wrapped in
 * {@link io.athena.core.config.Secret} so that they print as {@code <masked>}; {@link
 * io.athena.core.config.Uris#maskPassword(String)} does the same for passwords inside URIs.
 */
package io.athena.core.config;
