package io.athena.spi.telemetry;

/** How serious a trace event is; file sinks put {@link #ERROR} events in their own file. */
public enum TraceLevel {
  INFO,
  WARN,
  ERROR
}
