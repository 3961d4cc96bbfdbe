package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athena.core.daemon.FamilyOwnership;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Envelope;
import io.athena.core.json.Json;
import io.athena.spi.GatewayException;
import io.athena.spi.jobs.JobContext;
import io.athena.spi.jobs.JobHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the jobs of the {@code deferred} family: each is a gateway request that was accepted with
 * 202, replayed through the same code path as a synchronous one (rights checked again, the same
 * parsers, limits and backend) and stored as {@code {"status_code":..., "body":<envelope>}}.
 *
 * <p>An answer the synchronous call would have given, errors included, completes the job: a 409 is
 * the caller's result, not a failure of ours. Only transient failures (503 with {@code
 * Retry-After}: database down, time used up) fail the attempt and are retried with backoff.
 */
public final class DeferredRequestHandler implements JobHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DeferredRequestHandler.class);

  private final GatewayRoutes routes;

  DeferredRequestHandler(GatewayRoutes routes) {
    this.routes = routes;
  }

  @Override
  public String family() {
    return FamilyOwnership.DEFERRED;
  }

  @Override
  public String handle(JobContext context) {
    DeferredCall call = DeferredCall.fromJson(context.job().payload());
    HttpResponse response;
    try {
      response = routes.replay(call);
    } catch (GatewayException e) {
      if (e.retryAfterSeconds() != null) {
        throw new Failure(e.errorCode().code(), e.getMessage(), true);
      }
      response = Envelope.error(e, call.operation());
    } catch (RuntimeException e) {
      // the caller polls this job: keep the cause in our log, not in the answer
      LOG.error("deferred request {} (job {}) failed", call.requestId(), context.job().id(), e);
      throw new Failure("internal_error", "An unexpected error occurred", false);
    }
    return captured(response);
  }

  @Override
  public RetryDecision retryDecision(Exception failure) {
    return failure instanceof Failure f && f.transientFailure
        ? RetryDecision.RETRY
        : RetryDecision.FAIL_PERMANENTLY;
  }

  /** The response as the synchronous caller would have read it. */
  private static String captured(HttpResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.writeBody(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      response.body().discard();
    }
    JsonNode body;
    try {
      body = Json.mapper().readTree(out.toByteArray());
    } catch (IOException e) {
      // a stream that broke mid-way is cut short on purpose; it is no answer to keep
      throw new Failure("internal_error", "The response could not be completed", false);
    }
    ObjectNode result = Json.mapper().createObjectNode();
    result.put("status_code", response.status());
    result.set("body", body);
    return new String(Json.write(result), StandardCharsets.UTF_8);
  }

  /**
   * A failed attempt whose message is safe to show the caller: {@code <code>: <message>}. {@link
   * DeferredRoutes} shows only these messages, anything else as {@code internal_error}.
   */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    Failure(String code, String message, boolean transientFailure) {
      super(code + ": " + message, null, false, false);
      this.transientFailure = transientFailure;
    }
  }
}
