package io.athena.core.telemetry;

import io.athena.spi.telemetry.GatewayEvent;
import io.athena.spi.telemetry.GatewayOutcome;
import io.athena.spi.telemetry.TraceEvent;
import io.athena.spi.telemetry.TraceLevel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Trace events for the tests of this package. */
final class TestEvents {
  static final Instant TS = Instant.parse("2025-03-01T09:15:02.047123456Z");

  /** A plain event; {@code fields} keep their order. */
  record Plain(Instant ts, TraceLevel level, String event, Map<String, Object> fields)
      implements TraceEvent {}

  private TestEvents() {}

  /** An event with one field {@code seq}, so a test can tell which lines arrived. */
  static TraceEvent numbered(TraceLevel level, int seq) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("seq", seq);
    fields.put("padding", "x".repeat(40));
    return new Plain(TS, level, "test_event", fields);
  }

  static GatewayEvent gatewayEvent(GatewayOutcome outcome) {
    return new GatewayEvent(
        TS,
        "req-1",
        "4bf92f3577b34da6a3ce929d0e0e4736",
        "00f067aa0ba902b7",
        "reporting",
        "POST",
        "/gateway/fetch",
        "fetch",
        "public",
        "users",
        null,
        200,
        outcome,
        12.5,
        "postgres",
        "miss",
        3L,
        null,
        "key-7",
        null,
        null,
        "cache-key",
        "user-1",
        "org-1",
        "company-1");
  }
}
