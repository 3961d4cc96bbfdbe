package io.athena.core.telemetry;

import io.athena.spi.telemetry.GatewayEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's request meters (contract §7): {@code athena_gateway_requests_total{client,
 * operation, outcome}}, {@code athena_gateway_request_duration_seconds{client, operation}} (a
 * histogram) and {@code athena_gateway_rows_total{client, operation, kind}}.
 *
 * <p>Labels stay bounded: the client is the configured name, or {@code unknown} when the caller
 * named one that does not exist; the operation is one of five. Meters are looked up once per label
 * set and kept, so a request costs a map lookup, not a registry lookup.
 */
final class GatewayMetrics {
  static final String REQUESTS = "athena.gateway.requests";
  static final String DURATION = "athena.gateway.request.duration";
  static final String ROWS = "athena.gateway.rows";
  static final String UNKNOWN_CLIENT = "unknown";

  /** Histogram bounds: from a cached hit to a statement that hit its timeout. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };

  private record RequestKey(String client, String operation, String outcome) {}

  private record OperationKey(String client, String operation) {}

  /** The timer and row counters of one client and operation. */
  private record OperationMeters(Timer duration, Counter returned, Counter affected) {}

  private final MeterRegistry registry;
  private final ConcurrentMap<RequestKey, Counter> requests = new ConcurrentHashMap<>();
  private final ConcurrentMap<OperationKey, OperationMeters> operations = new ConcurrentHashMap<>();

  GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(GatewayEvent event, boolean clientKnown, long durationNanos) {
    String client = clientKnown ? event.client() : UNKNOWN_CLIENT;
    String operation = event.operation();
    requests
        .computeIfAbsent(
            new RequestKey(client, operation, event.outcome().wireName()), this::requestCounter)
        .increment();
    OperationMeters meters =
        operations.computeIfAbsent(new OperationKey(client, operation), this::operationMeters);
    meters.duration().record(durationNanos, TimeUnit.NANOSECONDS);
    if (event.rowsReturned() != null) {
      meters.returned().increment(event.rowsReturned());
    }
    if (event.rowsAffected() != null) {
      meters.affected().increment(event.rowsAffected());
    }
  }

  private Counter requestCounter(RequestKey key) {
    return Counter.builder(REQUESTS)
        .description("Gateway requests by client, operation and outcome")
        .tag("client", key.client())
        .tag("operation", key.operation())
        .tag("outcome", key.outcome())
        .register(registry);
  }

  private OperationMeters operationMeters(OperationKey key) {
    Timer duration =
        Timer.builder(DURATION)
            .description("Gateway request duration, from arrival until the body was written")
            .tag("client", key.client())
            .tag("operation", key.operation())
            .serviceLevelObjectives(BUCKETS)
            .register(registry);
    return new OperationMeters(duration, rows(key, "returned"), rows(key, "affected"));
  }

  private Counter rows(OperationKey key, String kind) {
    return Counter.builder(ROWS)
        .description("Rows returned or affected by gateway requests")
        .tag("client", key.client())
        .tag("operation", key.operation())
        .tag("kind", kind)
        .register(registry);
  }
}
