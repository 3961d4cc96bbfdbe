package io.athena.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The background health prober behind {@code /health/cluster}.
 *
 * @param probeInterval how often each client is probed
 * @param probeTimeout how long one probe may take before the client counts as offline
 * @param mirrors other Athena base URLs (http or https, no trailing slash) probed with {@code GET
 *     {url}/ping}
 */
public record HealthConfig(Duration probeInterval, Duration probeTimeout, List<URI> mirrors) {
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(2);

  public HealthConfig {
    Objects.requireNonNull(probeInterval, "probeInterval");
    Objects.requireNonNull(probeTimeout, "probeTimeout");
    requirePositive("probeInterval", probeInterval);
    requirePositive("probeTimeout", probeTimeout);
    mirrors = List.copyOf(mirrors);
  }

  public static HealthConfig defaults() {
    return new HealthConfig(DEFAULT_PROBE_INTERVAL, DEFAULT_PROBE_TIMEOUT, List.of());
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " was '" + value + "' but must be positive");
    }
  }
}
