package io.athena.core.gateway;

import io.athena.core.config.SecurityConfig;

/**
 * Guard rails on request shape: they bound the work one request can ask of the parser and SQL.
 *
 * @param maxConditions comparisons one request may hold, counting every leaf of every group
 * @param maxDepth how deep {@code or}/{@code not}/{@code and(...)} groups may nest
 */
record GatewayLimits(int maxConditions, int maxDepth) {
  /** The defaults of {@link SecurityConfig}, for parsers used without a configuration. */
  static final GatewayLimits DEFAULTS = of(SecurityConfig.defaults());

  static GatewayLimits of(SecurityConfig config) {
    return new GatewayLimits(config.maxConditions(), config.maxConditionDepth());
  }
}
