package io.athena.core.config;

import java.util.Objects;

/**
 * What Athena tells operators: health probes, trace events and their sinks, the control plane.
 *
 * @param health sections {@code health.*}
 * @param tracing sections {@code tracing.*}
 * @param controlPlane {@code gateway.logging_client} and {@code control_plane.*}
 */
public record ObservabilityConfig(
    HealthConfig health, TracingConfig tracing, ControlPlaneConfig controlPlane) {
  public ObservabilityConfig {
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(controlPlane, "controlPlane");
  }

  public static ObservabilityConfig defaults() {
    return new ObservabilityConfig(
        HealthConfig.defaults(), TracingConfig.defaults(), ControlPlaneConfig.defaults());
  }

  public ObservabilityConfig withHealth(HealthConfig newHealth) {
    return new ObservabilityConfig(newHealth, tracing, controlPlane);
  }

  public ObservabilityConfig withTracing(TracingConfig newTracing) {
    return new ObservabilityConfig(health, newTracing, controlPlane);
  }

  public ObservabilityConfig withControlPlane(ControlPlaneConfig newControlPlane) {
    return new ObservabilityConfig(health, tracing, newControlPlane);
  }
}
