package io.athena.core.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.auth.GatewaySecurity;
import io.athena.core.auth.Principal;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Envelope;
import io.athena.core.json.Json;
import io.athena.core.router.Access;
import io.athena.core.router.Exchange;
import io.athena.core.router.Route;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /gateway/deferred/{request_id}} and {@code POST
 * /gateway/deferred/{request_id}/requeue}. A request deferred with an API key can be read only with
 * that key; anyone else gets the same 404 as for an unknown id, so ids cannot be probed.
 */
final class DeferredRoutes {
  static final String PATH = "/gateway/deferred/";
  private static final String PREFIX = DeferredRequestHandler.Failure.class.getName() + ": ";

  private final DeferredRequests deferred;
  private final GatewaySecurity security;

  DeferredRoutes(DeferredRequests deferred, GatewaySecurity security) {
    this.deferred = deferred;
    this.security = security;
  }

  List<Route> routes() {
    return List.of(
        new Route(
            "GET",
            PATH + "{request_id}",
            "athena-core",
            Access.GATEWAY,
            "Status and result of a deferred request",
            exchange -> Envelope.success("Deferred request", record(owned(exchange)))),
        new Route(
            "POST",
            PATH + "{request_id}/requeue",
            "athena-core",
            Access.GATEWAY,
            "Requeue a failed or cancelled deferred request",
            exchange ->
                Envelope.success(
                    "Deferred request requeued", record(deferred.requeue(owned(exchange))))));
  }

  /** The 202 answer of a request that was just deferred. */
  static HttpResponse accepted(Job job) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("request_id", job.id().value());
    data.put("status", job.status().wireName());
    HttpResponse response = Envelope.success(202, "Request deferred", data, Map.of());
    response.headers().set("Location", PATH + job.id().value());
    response.headers().set("Retry-After", "1");
    return response;
  }

  private Job owned(Exchange exchange) {
    exchange.operation("deferred");
    String id = exchange.pathParam("request_id").orElse("");
    Job job = deferred.get(id);
    DeferredCall call = DeferredCall.fromJson(job.payload());
    if (call.keyId() != null) {
      Principal caller = security.authenticate(exchange.request(), call.client());
      boolean same = caller.key().map(k -> k.id().equals(call.keyId())).orElse(false);
      if (!same) {
        throw new GatewayException(
            ErrorCode.DEFERRED_REQUEST_NOT_FOUND, "No deferred request '" + id + "'");
      }
    }
    return job;
  }

  static Map<String, Object> record(Job job) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("request_id", job.id().value());
    out.put("status", job.status().wireName());
    if (job.status() == JobStatus.COMPLETED && job.result() != null) {
      JsonNode result = tree(job.result());
      out.put("status_code", result.path("status_code").asInt());
      out.put("result", result.path("body"));
    }
    if (job.lastError() != null && job.status() != JobStatus.COMPLETED) {
      out.put("error", error(job.lastError()));
    }
    out.put("attempts", job.attempts());
    out.put("created_at", job.createdAt().toString());
    out.put("updated_at", job.updatedAt().toString());
    return out;
  }

  /** Only our own failure messages are shown; anything else could carry internals. */
  private static Map<String, String> error(String lastError) {
    String text = Objects.requireNonNullElse(lastError, "");
    if (text.startsWith(PREFIX) && text.indexOf(": ", PREFIX.length()) > 0) {
      String rest = text.substring(PREFIX.length());
      int colon = rest.indexOf(": ");
      return Map.of("code", rest.substring(0, colon), "message", rest.substring(colon + 2));
    }
    return Map.of(
        "code",
        ErrorCode.INTERNAL_ERROR.code(),
        "message",
        "The deferred request could not be run; the server log has the cause");
  }

  private static JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a deferred result is not JSON", e);
    }
  }
}
