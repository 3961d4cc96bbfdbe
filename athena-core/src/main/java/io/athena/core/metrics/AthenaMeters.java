package io.athena.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where Athena's meters go: always its own Prometheus registry (what {@code /metrics} serves), plus
 * the host's registry when it gave one, so a host that already ships meters elsewhere sees Athena's
 * there too. JVM and process meters are bound to the Prometheus registry only: a host that has a
 * registry of its own usually binds those itself.
 */
public final class AthenaMeters implements AutoCloseable {
  public static final String UPTIME = "athena.uptime";

  private final PrometheusMeterRegistry prometheus;
  private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final long startNanos = System.nanoTime();

  /**
   * @param host the host's registry, if it gave one
   */
  public AthenaMeters(Optional<MeterRegistry> host) {
    this.prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.add(prometheus);
    host.ifPresent(registry::add);
    bindProcessMeters();
    TimeGauge.builder(UPTIME, this, TimeUnit.NANOSECONDS, m -> System.nanoTime() - m.startNanos)
        .description("How long this Athena has been running")
        .register(registry);
  }

  private void bindProcessMeters() {
    new ClassLoaderMetrics().bindTo(prometheus);
    new JvmMemoryMetrics().bindTo(prometheus);
    gc.bindTo(prometheus);
    new JvmThreadMetrics().bindTo(prometheus);
    new ProcessorMetrics().bindTo(prometheus);
    new UptimeMetrics().bindTo(prometheus);
    new FileDescriptorMetrics().bindTo(prometheus);
  }

  /** The registry every Athena meter is registered on. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter (Athena's, JVM and process) in the Prometheus text format. */
  public String scrape() {
    return prometheus.scrape();
  }

  @Override
  public void close() {
    gc.close();
  }
}
