package io.athena.spi.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the client catalog. A row may also only override a client from the configuration file
 * (freeze it, deactivate it): then both {@code pgUri} and {@code pgUriEnvVar} are null.
 *
 * @param name the client name, as {@code X-Athena-Client} names it
 * @param pgUri the connection URI (with its password: never return it to a caller unmasked)
 * @param pgUriEnvVar the environment variable holding the URI, instead of {@code pgUri}
 * @param active inactive clients are not routable
 * @param frozen frozen clients stay registered but answer 403 {@code client_frozen}
 * @param deleted soft-deleted: kept for the record, never routable
 */
public record CatalogClient(
    String name,
    String pgUri,
    String pgUriEnvVar,
    String description,
    boolean active,
    boolean frozen,
    boolean deleted,
    Instant createdAt,
    Instant updatedAt) {
  public CatalogClient {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
