package io.athena.core.jobs;

import io.athena.core.http.HttpResponse;
import io.athena.core.json.Envelope;
import io.athena.core.router.Access;
import io.athena.core.router.Exchange;
import io.athena.core.router.Handler;
import io.athena.core.router.Route;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.jobs.DaemonInfo;
import io.athena.spi.jobs.DaemonRegistry;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobFilter;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobPage;
import io.athena.spi.jobs.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /admin/jobs} and {@code /admin/daemons}: list, inspect, cancel and retry jobs, the queue
 * depth with per-family ownership, and the daemon registry. Admin key required.
 */
public final class JobAdminRoutes {
  private static final String MODULE = "athena-core";

  /** Page size of {@code GET /admin/jobs} without {@code limit}. */
  public static final int DEFAULT_LIMIT = 50;

  /** Three heartbeats of a daemon on default settings (30 s lease, 10 s heartbeat). */
  public static final Duration DEFAULT_LIVENESS_WINDOW = Duration.ofSeconds(30);

  private final Jobs jobs;
  private final DaemonRegistry registry;
  private final InstantSource clock;
  private final Duration livenessWindow;

  /**
   * @param livenessWindow a daemon whose last heartbeat is older than this is not live (use three
   *     heartbeat intervals)
   */
  public JobAdminRoutes(
      Jobs jobs, DaemonRegistry registry, InstantSource clock, Duration livenessWindow) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.livenessWindow = Objects.requireNonNull(livenessWindow, "livenessWindow");
  }

  public List<Route> routes() {
    // depth before {id}: the router takes the first route whose path matches
    return List.of(
        route("GET", "/admin/jobs", "List jobs, newest first", this::list),
        route(
            "GET",
            "/admin/jobs/depth",
            "Job counts per family and status, and ownership",
            this::depth),
        route("GET", "/admin/jobs/{id}", "A job and its events", this::show),
        route("POST", "/admin/jobs/{id}/cancel", "Cancel a queued or running job", this::cancel),
        route("POST", "/admin/jobs/{id}/retry", "Requeue a failed or cancelled job", this::retry),
        route("GET", "/admin/daemons", "Registered daemons and their heartbeats", this::daemons));
  }

  private static Route route(String method, String path, String summary, Handler handler) {
    return new Route(method, path, MODULE, Access.ADMIN, summary, handler);
  }

  private HttpResponse list(Exchange ex) {
    JobFilter filter =
        new JobFilter(
            ex.request().queryParam("family").filter(f -> !f.isBlank()).orElse(null),
            status(ex.request().queryParam("status")),
            limit(ex.request().queryParam("limit")),
            ex.request().queryParam("cursor").filter(c -> !c.isBlank()).orElse(null));
    JobPage page;
    try {
      page = jobs.list(filter);
    } catch (IllegalArgumentException e) {
      throw new GatewayException(ErrorCode.INVALID_REQUEST, e.getMessage(), e);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("jobs", page.jobs().stream().map(JobJson::job).toList());
    data.put("next_cursor", page.nextCursor());
    return Envelope.success("Fetched " + page.jobs().size() + " jobs", data);
  }

  private HttpResponse show(Exchange ex) {
    JobId id = id(ex);
    Map<String, Object> data = new LinkedHashMap<>();
    try {
      data.put("job", JobJson.job(jobs.get(id)));
      data.put("events", jobs.events(id).stream().map(JobJson::event).toList());
    } catch (JobNotFoundException e) {
      throw notFound(e);
    }
    return Envelope.success("Job " + id, data);
  }

  private HttpResponse cancel(Exchange ex) {
    JobId id = id(ex);
    try {
      boolean cancelled = jobs.cancel(id);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("cancelled", cancelled);
      data.put("job", JobJson.job(jobs.get(id)));
      return Envelope.success(cancelled ? "Job cancelled" : "Job had already ended", data);
    } catch (JobNotFoundException e) {
      throw notFound(e);
    }
  }

  private HttpResponse retry(Exchange ex) {
    JobId id = id(ex);
    try {
      Job job = jobs.retry(id);
      return Envelope.success("Job requeued", Map.of("job", JobJson.job(job)));
    } catch (JobNotFoundException e) {
      throw notFound(e);
    } catch (IllegalStateException e) {
      throw new GatewayException(ErrorCode.INVALID_REQUEST, e.getMessage(), e);
    }
  }

  private HttpResponse depth(Exchange ex) {
    List<DaemonInfo> live = registry.list().stream().filter(this::isLive).toList();
    List<Map<String, Object>> families = JobDepthReport.families(jobs.depth(), live);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("families", families);
    data.put("live_daemons", live.size());
    return Envelope.success("Job depth of " + families.size() + " families", data);
  }

  private HttpResponse daemons(Exchange ex) {
    List<Map<String, Object>> daemons =
        registry.list().stream().map(d -> JobJson.daemon(d, isLive(d))).toList();
    return Envelope.success("Fetched " + daemons.size() + " daemons", daemons);
  }

  /** Live: says it is running, and heartbeated within the liveness window. */
  boolean isLive(DaemonInfo daemon) {
    Instant last = daemon.lastHeartbeatAt();
    return "running".equals(daemon.status())
        && last != null
        && !last.isBefore(clock.instant().minus(livenessWindow));
  }

  private static JobId id(Exchange ex) {
    String text = ex.pathParam("id").orElse("");
    try {
      return Jobs.parseId(text);
    } catch (IllegalArgumentException e) {
      // a text that is no UUID names no job
      throw new GatewayException(
          ErrorCode.JOB_NOT_FOUND, "job '" + abbreviate(text) + "' does not exist", e);
    }
  }

  private static GatewayException notFound(JobNotFoundException e) {
    return new GatewayException(ErrorCode.JOB_NOT_FOUND, e.getMessage(), e);
  }

  private static JobStatus status(Optional<String> text) {
    if (text.isEmpty() || text.get().isBlank()) {
      return null;
    }
    return JobStatus.fromWireName(text.get())
        .orElseThrow(
            () ->
                new GatewayException(
                    ErrorCode.INVALID_REQUEST,
                    "status was '"
                        + abbreviate(text.get())
                        + "' but must be one of queued, running, completed, failed, cancelled"));
  }

  private static int limit(Optional<String> text) {
    if (text.isEmpty() || text.get().isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.get().trim());
      if (limit >= 1 && limit <= 1000) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // one message below
    }
    throw new GatewayException(
        ErrorCode.INVALID_REQUEST,
        "limit was '" + abbreviate(text.get()) + "' but must be a whole number 1..1000");
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
