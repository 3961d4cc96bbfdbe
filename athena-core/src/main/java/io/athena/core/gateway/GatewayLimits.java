package io.athena.core.gateway;

/** Guard rails on request shape: they bound the work one request can ask of the parser and SQL. */
final class GatewayLimits {
  /** Comparisons one request may hold, counting every leaf of every group. */
  static final int MAX_CONDITIONS = 200;

  /** How deep {@code or}/{@code not}/{@code and(...)} groups may nest. */
  static final int MAX_FILTER_DEPTH = 16;

  private GatewayLimits() {}
}
