package io.athena.core.telemetry;

import io.athena.spi.telemetry.TraceEvent;
import io.athena.spi.telemetry.TraceSink;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands an event to sinks: a failing sink is logged and skipped, never felt by the caller. */
public final class Traces {
  private static final Logger LOG = LoggerFactory.getLogger(Traces.class);

  private Traces() {}

  public static void write(List<TraceSink> sinks, TraceEvent event) {
    for (TraceSink sink : sinks) {
      try {
        sink.write(event);
      } catch (RuntimeException e) {
        LOG.warn("trace sink {} failed on a {} event", sink.getClass().getName(), event.event(), e);
      }
    }
  }
}
