package io.athena.spi.telemetry;

import java.time.Instant;
import java.util.Map;

/**
 * One event for the trace sinks: written as one JSON object per line, {@code ts}, {@code level} and
 * {@code event} first, then {@link #fields()} in their order.
 */
public interface TraceEvent {

  /** When it happened. */
  Instant ts();

  TraceLevel level();

  /** The event's name, such as {@code gateway_trace}. */
  String event();

  /**
   * The event's other fields in the order they are written; values are strings, numbers, booleans
   * or null. Never request bodies, SQL or secrets.
   */
  Map<String, Object> fields();
}
