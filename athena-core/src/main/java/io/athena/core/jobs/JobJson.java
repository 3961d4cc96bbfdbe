package io.athena.core.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.athena.core.json.Json;
import io.athena.spi.jobs.DaemonInfo;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs, events and daemons as the admin routes answer them: snake_case keys, ISO-8601 UTC times,
 * and JSON payloads, results and details embedded as JSON rather than as strings.
 */
final class JobJson {
  private JobJson() {}

  static Map<String, Object> job(Job job) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("job_id", job.id().value());
    out.put("family", job.family());
    out.put("status", job.status().wireName());
    out.put("priority", job.priority());
    out.put("run_at", time(job.runAt()));
    out.put("attempts", job.attempts());
    out.put("max_attempts", job.maxAttempts());
    out.put("idempotency_key", job.idempotencyKey());
    out.put("lease_owner", job.leaseOwner());
    out.put("lease_expires_at", time(job.leaseExpiresAt()));
    out.put("last_error", job.lastError());
    out.put("payload", json(job.payload()));
    out.put("result", json(job.result()));
    out.put("created_at", time(job.createdAt()));
    out.put("updated_at", time(job.updatedAt()));
    return out;
  }

  static Map<String, Object> event(JobEvent event) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("event_id", event.eventId());
    out.put("job_id", event.jobId().value());
    out.put("daemon_id", event.daemonId());
    out.put("level", event.level());
    out.put("kind", event.kind());
    out.put("message", event.message());
    out.put("details", json(event.details()));
    out.put("created_at", time(event.createdAt()));
    return out;
  }

  static Map<String, Object> daemon(DaemonInfo daemon, boolean live) {
    List<String> families = new ArrayList<>(daemon.families());
    Collections.sort(families);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("daemon_id", daemon.daemonId());
    out.put("role", daemon.role());
    out.put("families", families);
    out.put("host", daemon.host());
    out.put("started_at", time(daemon.startedAt()));
    out.put("last_heartbeat_at", time(daemon.lastHeartbeatAt()));
    out.put("status", daemon.status());
    out.put("live", live);
    return out;
  }

  /** {@link Instant#toString()} is ISO-8601 in UTC ({@code 2030-01-01T00:00:00Z}). */
  static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** Stored JSON text as a tree; text that is somehow not JSON is answered as a string. */
  static Object json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return text;
    }
  }
}
