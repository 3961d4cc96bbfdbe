package io.athena.core.clients;

import java.util.Locale;

/** Where a routable client comes from. */
public enum ClientSource {
  /** {@code postgres_clients} of the configuration (or a backend built by the host). */
  CONFIG,
  /** The client catalog: added at runtime through {@code /admin/clients} or by another node. */
  CATALOG;

  /** {@code config} or {@code catalog}, as the admin routes and the registry show it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
