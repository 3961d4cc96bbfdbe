package io.athena.core.telemetry;

import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.http.ResponseBody;
import io.athena.spi.telemetry.AuditSink;
import io.athena.spi.telemetry.GatewayEvent;
import io.athena.spi.telemetry.TraceSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each finished gateway request into one {@link GatewayEvent} and hands it on: the request
 * meters, the {@value #LOGGER_NAME} logger (at INFO, WARN for client errors, ERROR for server
 * errors), every trace sink and the audit sink. The event is made once the response body was
 * written (or discarded), so its duration, row counts and stream failures are the real ones.
 *
 * <p>Nothing here may fail or slow a request: sinks are called in turn and their failures only
 * logged; sinks themselves queue and return.
 */
public final class GatewayTelemetry {
  public static final String LOGGER_NAME = LoggerTraceSink.GATEWAY_TRACE_LOGGER;
  private static final LoggerTraceSink TRACE_LOG = LoggerTraceSink.gatewayTrace();
  private static final Logger LOG = LoggerFactory.getLogger(GatewayTelemetry.class);

  private final InstantSource clock;
  private final GatewayMetrics metrics;
  private final Supplier<List<TraceSink>> sinks;
  private final Supplier<AuditSink> audit;

  /**
   * @param sinks the trace sinks, read per event (so sinks added after the router was built count)
   * @param audit the audit sink, or a supplier of null when there is none
   */
  public GatewayTelemetry(
      MeterRegistry meters,
      InstantSource clock,
      Supplier<List<TraceSink>> sinks,
      Supplier<AuditSink> audit) {
    this.clock = clock;
    this.metrics = new GatewayMetrics(meters);
    this.sinks = sinks;
    this.audit = audit;
  }

  /** Telemetry that only logs: for a router built on its own. */
  public static GatewayTelemetry loggingOnly() {
    return new GatewayTelemetry(
        new SimpleMeterRegistry(), InstantSource.system(), List::of, () -> null);
  }

  /** Starts the trace of a request that just arrived. */
  public RequestTrace begin(String requestId, HttpRequest request) {
    RequestTrace trace =
        new RequestTrace(
            clock.instant(),
            System.nanoTime(),
            requestId,
            TraceContext.continueOrStart(request.headers().firstNonBlank(TraceContext.HEADER)),
            request.method(),
            request.path());
    trace.caller(
        request.headers().firstNonBlank("X-User-Id").orElse(null),
        request.headers().firstNonBlank("X-Organization-Id").orElse(null),
        request.headers().firstNonBlank("X-Company-Id").orElse(null));
    return trace;
  }

  /**
   * The response, made to report {@code trace} once its body was written or discarded (exactly
   * once, whichever comes first).
   */
  public HttpResponse observe(RequestTrace trace, HttpResponse response) {
    int status = response.status();
    ResponseBody body = response.body();
    AtomicBoolean reported = new AtomicBoolean();
    Runnable report =
        () -> {
          if (reported.compareAndSet(false, true)) {
            complete(trace, status);
          }
        };
    ResponseBody observed =
        new ResponseBody() {
          @Override
          public void writeTo(OutputStream out) throws IOException {
            try {
              body.writeTo(out);
            } catch (IOException | RuntimeException e) {
              trace.streamFailed();
              throw e;
            } finally {
              report.run();
            }
          }

          @Override
          public void discard() {
            try {
              body.discard();
            } finally {
              report.run();
            }
          }
        };
    return new HttpResponse(status, response.headers(), observed);
  }

  /** Reports a finished request; never throws. */
  void complete(RequestTrace trace, int status) {
    long durationNanos = System.nanoTime() - trace.startNanos();
    GatewayEvent event = trace.toEvent(status, durationNanos);
    try {
      metrics.record(event, trace.clientKnown(), durationNanos);
    } catch (RuntimeException e) {
      LOG.warn("recording the gateway meters failed", e);
    }
    TRACE_LOG.write(event);
    Traces.write(sinks.get(), event);
    AuditSink auditSink = audit.get();
    if (auditSink != null) {
      try {
        auditSink.record(trace.forAudit(event));
      } catch (RuntimeException e) {
        LOG.warn("audit sink {} failed", auditSink.getClass().getName(), e);
      }
    }
  }
}
