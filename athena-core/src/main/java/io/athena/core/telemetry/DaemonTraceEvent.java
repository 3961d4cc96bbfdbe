package io.athena.core.telemetry;

import io.athena.spi.telemetry.TraceEvent;
import io.athena.spi.telemetry.TraceLevel;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code daemon_trace}: a daemon started or stopped.
 *
 * @param action {@code started} or {@code stopped}
 * @param abandoned attempts that did not finish within the drain timeout (on {@code stopped})
 */
public record DaemonTraceEvent(
    Instant ts, String daemonId, String role, List<String> families, String action, int abandoned)
    implements TraceEvent {
  public static final String EVENT = "daemon_trace";

  public DaemonTraceEvent {
    families = List.copyOf(families);
  }

  @Override
  public TraceLevel level() {
    return abandoned > 0 ? TraceLevel.WARN : TraceLevel.INFO;
  }

  @Override
  public String event() {
    return EVENT;
  }

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("daemon_id", daemonId);
    f.put("role", role);
    f.put("families", String.join(",", families));
    f.put("action", action);
    f.put("abandoned", abandoned);
    return Collections.unmodifiableMap(f);
  }
}
