package io.athena.core.router;

import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Envelope;
import io.athena.core.telemetry.GatewayTelemetry;
import io.athena.core.telemetry.RequestTrace;
import io.athena.core.telemetry.TraceContext;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to routes. It owns what every route shares: the request id, the admin guard,
 * the body limit, and turning every failure into the JSON error envelope (no stack trace ever
 * reaches a caller).
 */
public final class Router {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final List<Route> routes;
  private final AdminGuard adminGuard;
  private final long maxBodyBytes;
  private final GatewayTelemetry telemetry;

  /** A router whose gateway requests are traced only on the {@code athena.gateway_trace} log. */
  public Router(List<Route> routes, AdminGuard adminGuard, long maxBodyBytes) {
    this(routes, adminGuard, maxBodyBytes, GatewayTelemetry.loggingOnly());
  }

  /**
   * @param telemetry where each gateway request is reported once its response is written
   */
  public Router(
      List<Route> routes, AdminGuard adminGuard, long maxBodyBytes, GatewayTelemetry telemetry) {
    this.routes = List.copyOf(routes);
    this.adminGuard = adminGuard;
    this.maxBodyBytes = maxBodyBytes;
    this.telemetry = telemetry;
  }

  /** Every mounted route, in registration order. */
  public List<Route> routes() {
    return Collections.unmodifiableList(routes);
  }

  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Answers one request; never throws. Every answer carries the request id and a W3C {@code
   * traceparent}; a gateway operation's answer reports its trace once its body was written.
   */
  public HttpResponse handle(HttpRequest request) {
    String requestId = requestId(request);
    RequestTrace trace = telemetry.begin(requestId, request);
    Exchange exchange = null;
    HttpResponse response;
    try {
      Match match = match(request);
      exchange = new Exchange(request, requestId, match.params(), maxBodyBytes, trace);
      if (match.route().access() == Access.ADMIN) {
        adminGuard.check(exchange);
      }
      response = match.route().handler().handle(exchange);
    } catch (GatewayException e) {
      trace.error(e.errorCode().code(), e.getMessage());
      HttpResponse error = Envelope.error(e, exchange == null ? null : exchange.operation());
      allowHeader(e).ifPresent(allow -> error.headers().set("Allow", allow));
      response = error;
    } catch (RuntimeException e) {
      LOG.error("request {} {} {} failed", requestId, request.method(), request.path(), e);
      GatewayException internal =
          new GatewayException(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred");
      trace.error(internal.errorCode().code(), internal.getMessage());
      response = Envelope.error(internal, exchange == null ? null : exchange.operation());
    }
    response.headers().set("X-Request-Id", requestId);
    response.headers().set("X-Athena-Request-Id", requestId);
    response.headers().set(TraceContext.HEADER, trace.context().header());
    // only gateway operations are traced: they are the requests that name one
    return exchange != null && exchange.operation() != null
        ? telemetry.observe(trace, response)
        : response;
  }

  /** HTTP wants the allowed methods in {@code Allow} on every 405, not only in the body. */
  private static Optional<String> allowHeader(GatewayException e) {
    if (e.errorCode() != ErrorCode.METHOD_NOT_ALLOWED
        || !(e.details().get("allowed_methods") instanceof List<?> methods)) {
      return Optional.empty();
    }
    return Optional.of(String.join(", ", methods.stream().map(String::valueOf).toList()));
  }

  private static String requestId(HttpRequest request) {
    // a caller's id is echoed only when it is harmless in headers and logs
    return request
        .headers()
        .firstNonBlank("X-Request-Id")
        .filter(id -> SAFE_REQUEST_ID.matcher(id).matches())
        .orElseGet(() -> UUID.randomUUID().toString());
  }

  private record Match(Route route, Map<String, String> params) {}

  /**
   * The route for the request. Among routes of the request's method whose paths match, the one with
   * the most literal segments wins ({@code /admin/clients/statistics} over {@code
   * /admin/clients/{name}}), so modules need not care in which order their routes are mounted; on a
   * tie the first registered wins.
   */
  private Match match(HttpRequest request) {
    String[] segments = split(request.path());
    TreeSet<String> allowed = new TreeSet<>();
    Match best = null;
    int bestLiterals = -1;
    for (Route route : routes) {
      String[] template = split(route.path());
      Optional<Map<String, String>> params = matchPath(template, segments);
      if (params.isEmpty()) {
        continue;
      }
      if (!route.method().equalsIgnoreCase(request.method())) {
        allowed.add(route.method());
        continue;
      }
      int literals = template.length - params.get().size();
      if (literals > bestLiterals) {
        best = new Match(route, params.get());
        bestLiterals = literals;
      }
    }
    if (best != null) {
      return best;
    }
    if (!allowed.isEmpty()) {
      throw new GatewayException(
          ErrorCode.METHOD_NOT_ALLOWED,
          request.method() + " is not allowed on " + request.path() + "; allowed: " + allowed,
          null,
          null,
          Map.of("allowed_methods", new ArrayList<>(allowed)));
    }
    throw new GatewayException(ErrorCode.ROUTE_NOT_FOUND, "No route for " + request.path());
  }

  private static String[] split(String path) {
    String trimmed = path.replaceAll("/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.substring(1).split("/", -1);
  }

  private static Optional<Map<String, String>> matchPath(String[] template, String[] actual) {
    if (template.length != actual.length) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("}")) {
        if (actual[i].isEmpty()) {
          return Optional.empty();
        }
        params.put(t.substring(1, t.length() - 1), actual[i]);
      } else if (!t.equals(actual[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }
}
