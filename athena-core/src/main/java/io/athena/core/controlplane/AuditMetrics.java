package io.athena.core.controlplane;

import io.athena.spi.telemetry.AuditSink;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The audit sink's meters (no base unit: Prometheus would append it to the name), read from the
 * sink itself so that any implementation reports them: {@code athena_audit_records_dropped_total}
 * and {@code athena_audit_queue_depth} in Prometheus.
 */
public final class AuditMetrics {
  public static final String DROPPED = "athena.audit.records.dropped";
  public static final String QUEUE_DEPTH = "athena.audit.queue.depth";

  private AuditMetrics() {}

  public static void bind(AuditSink sink, MeterRegistry registry) {
    FunctionCounter.builder(DROPPED, sink, AuditSink::dropped)
        .description("Audit records dropped because the control plane was slow or down")
        .register(registry);
    Gauge.builder(QUEUE_DEPTH, sink, AuditSink::queueDepth)
        .description("Audit records waiting to be written to the control plane")
        .register(registry);
  }
}
