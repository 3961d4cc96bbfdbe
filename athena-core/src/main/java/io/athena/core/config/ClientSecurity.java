package io.athena.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Security settings of one client that override the global ones; empty means "as configured
 * globally".
 */
public record ClientSecurity(Optional<Boolean> enforceApiKeys, Optional<RawSqlMode> rawSql) {
  public ClientSecurity {
    Objects.requireNonNull(enforceApiKeys, "enforceApiKeys");
    Objects.requireNonNull(rawSql, "rawSql");
  }

  /** No overrides. */
  public static ClientSecurity inherit() {
    return new ClientSecurity(Optional.empty(), Optional.empty());
  }
}
