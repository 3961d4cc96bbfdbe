package io.athena.core.telemetry;

import io.athena.spi.telemetry.TraceEvent;
import io.athena.spi.telemetry.TraceLevel;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code job_trace}: one attempt of a job finished on a daemon. Written to the same trace sinks as
 * {@code gateway_trace}; a final failure is an ERROR (so it lands in {@code error.log}), a retried
 * attempt a WARN.
 *
 * @param outcome {@code completed}, {@code failed}, {@code retried} or {@code cancelled}
 * @param durationMs how long the attempt ran, or null when it never started (cancelled while it
 *     waited in the claim-ahead buffer)
 * @param error the failure, as the job store recorded it; null unless the attempt failed
 */
public record JobTraceEvent(
    Instant ts,
    String daemonId,
    String jobId,
    String family,
    int attempt,
    int maxAttempts,
    String outcome,
    Double durationMs,
    String error)
    implements TraceEvent {
  public static final String EVENT = "job_trace";

  @Override
  public TraceLevel level() {
    return switch (outcome) {
      case "failed" -> TraceLevel.ERROR;
      case "retried" -> TraceLevel.WARN;
      default -> TraceLevel.INFO;
    };
  }

  @Override
  public String event() {
    return EVENT;
  }

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("daemon_id", daemonId);
    f.put("job_id", jobId);
    f.put("family", family);
    f.put("attempt", attempt);
    f.put("max_attempts", maxAttempts);
    f.put("outcome", outcome);
    f.put("duration_ms", durationMs);
    f.put("error", error);
    return Collections.unmodifiableMap(f);
  }
}
