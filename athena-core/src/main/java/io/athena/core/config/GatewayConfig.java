package io.athena.core.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Gateway behaviour.
 *
 * @param adminKey the key admin routes require; empty means admin routes answer 403
 * @param defaultSchema the schema used when a request names none
 * @param catalogCacheTtl how long a backend trusts its cached view of tables and columns before it
 *     re-reads the catalog (it also re-reads at once on a miss)
 */
public record GatewayConfig(
    Optional<Secret> adminKey, String defaultSchema, Duration catalogCacheTtl) {
  public static final String DEFAULT_SCHEMA = "public";
  public static final Duration DEFAULT_CATALOG_CACHE_TTL = Duration.ofSeconds(60);

  public static GatewayConfig defaults() {
    return new GatewayConfig(Optional.empty(), DEFAULT_SCHEMA, DEFAULT_CATALOG_CACHE_TTL);
  }
}
