package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.admission.Admission;
import io.athena.core.admission.AdmissionController;
import io.athena.core.auth.GatewaySecurity;
import io.athena.core.auth.Principal;
import io.athena.core.cache.LocalCacheStore;
import io.athena.core.cache.ReadCache;
import io.athena.core.clients.ClientRegistry;
import io.athena.core.config.CacheConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.http.HttpResponse;
import io.athena.core.router.Access;
import io.athena.core.router.Exchange;
import io.athena.core.router.Route;
import io.athena.core.telemetry.RequestTrace;
import io.athena.core.telemetry.TraceContext;
import io.athena.spi.Backend;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.GatewayOperation;
import io.athena.spi.jobs.Job;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code /gateway/*} routes. Every one first names its operation (so error envelopes carry
 * {@code data.operation}), requires {@code X-Athena-Client}, resolves the client's backend and
 * reads the body as a JSON object; then its handler parses, executes and answers. The API key is
 * checked right after the client header, before the client is resolved or the body read, so that an
 * unauthenticated caller learns nothing about clients and costs no parsing.
 *
 * <p>Admission comes next, once the client is known: an admitted request holds its slot until its
 * response is written; a deferred one is parsed and its right checked first (so a bad or forbidden
 * request still gets its 400 or 403 at once), then queued as a {@code deferred} job and answered
 * 202; a rejected one gets 429 {@code overloaded} before its body is read.
 */
public final class GatewayRoutes {
  static final String CLIENT_HEADER = "X-Athena-Client";
  static final String STRIP_NULLS_HEADER = "X-Strip-Nulls";
  static final String PREFER_HEADER = "Prefer";
  static final String CACHE_CONTROL_HEADER = "Cache-Control";
  private static final String MODULE = "athena-core";

  private final ClientRegistry clients;
  private final FetchHandler fetch;
  private final WriteHandlers writes;
  private final QueryHandler query;
  private final GatewaySecurity security;
  private final AdmissionController admission;
  private final DeferredRequests deferred;
  private final String defaultSchema;
  private final Map<String, Operation> operations = new HashMap<>();

  /**
   * Gateway routes on their own: no key enforcement (a presented key is still checked), no
   * admission limits or deferral, the cache off. {@code Athena} wires the full set.
   */
  public GatewayRoutes(ClientRegistry clients, GatewayConfig config) {
    this(clients, config, GatewaySecurity.defaults(), AdmissionController.unbounded(), null, null);
  }

  /**
   * @param deferred where deferred requests go; null turns deferral off ({@code Prefer:
   *     respond-async} is ignored and an overload is rejected)
   * @param cache the read cache of fetches, which writes invalidate; null for a disabled cache
   */
  public GatewayRoutes(
      ClientRegistry clients,
      GatewayConfig config,
      GatewaySecurity security,
      AdmissionController admission,
      DeferredRequests deferred,
      ReadCache cache) {
    ReadCache readCache = cache != null ? cache : disabledCache(security);
    this.clients = clients;
    this.security = security;
    this.admission = admission;
    this.deferred = deferred;
    this.defaultSchema = config.defaultSchema();
    this.fetch = new FetchHandler(config.defaultSchema(), readCache);
    this.writes = new WriteHandlers(config.defaultSchema(), readCache);
    this.query = new QueryHandler(config.defaultSchema(), readCache);
  }

  private static ReadCache disabledCache(GatewaySecurity security) {
    return new ReadCache(
        CacheConfig.defaults(),
        new LocalCacheStore(1),
        null,
        security.clock(),
        new SimpleMeterRegistry());
  }

  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    readRoutes(routes);
    writeRoutes(routes);
    routes.add(
        route(
            "POST",
            "/gateway/query",
            "query",
            "Run raw SQL with bound parameters",
            query::handle,
            (c, b) -> QueryParser.parse(b, defaultSchema)));
    if (deferred != null) {
      routes.addAll(new DeferredRoutes(deferred, security).routes());
    }
    return routes;
  }

  private void readRoutes(List<Route> routes) {
    routes.add(
        route(
            "POST",
            "/gateway/fetch",
            "fetch",
            "Read rows of a table or view",
            fetch::handle,
            this::parseFetch));
    routes.add(
        route(
            "POST",
            "/gateway/data",
            "fetch",
            "Read rows (alias of /gateway/fetch)",
            fetch::handle,
            this::parseFetch));
  }

  private void writeRoutes(List<Route> routes) {
    routes.add(
        route(
            "PUT",
            "/gateway/insert",
            "insert",
            "Insert or upsert rows",
            writes::insert,
            (c, b) -> InsertParser.parse(b, defaultSchema).request()));
    routes.add(
        route(
            "POST",
            "/gateway/update",
            "update",
            "Update rows matching conditions",
            writes::update,
            (c, b) -> UpdateParser.parse(b, defaultSchema, c.limits())));
    routes.add(
        route(
            "DELETE",
            "/gateway/delete",
            "delete",
            "Delete rows by id or conditions",
            writes::delete,
            (c, b) -> DeleteParser.parse(b, defaultSchema, c.limits()).request()));
  }

  /** The handler that runs deferred requests through these routes' code path. */
  public DeferredRequestHandler deferredHandler() {
    return new DeferredRequestHandler(this);
  }

  /** One gateway operation, after the shared checks. */
  @FunctionalInterface
  private interface Operation {
    HttpResponse run(GatewayCall call, Fields body);
  }

  /** Parses a body into the operation a deferral checks before it queues it. */
  @FunctionalInterface
  private interface Parser {
    GatewayOperation parse(GatewayCall call, Fields body);
  }

  /** A request past the client, key and body checks. */
  private record Prepared(GatewayCall call, Fields body, JsonNode json) {}

  private GatewayOperation parseFetch(GatewayCall call, Fields body) {
    return FetchParser.parse(body, defaultSchema, call.limits()).request();
  }

  private Route route(
      String method,
      String path,
      String operation,
      String summary,
      Operation handler,
      Parser parser) {
    operations.put(path, handler);
    return new Route(
        method,
        path,
        MODULE,
        Access.GATEWAY,
        summary,
        exchange -> {
          RequestDeadline deadline =
              RequestDeadline.start(security.config().requestTimeout(), security.clock());
          exchange.operation(operation);
          String client = requireClient(exchange);
          exchange.trace().client(client);
          Principal principal = security.authenticate(exchange.request(), client);
          principal.key().ifPresent(key -> exchange.trace().apiKeyId(key.id()));
          Backend backend = clients.resolve(client);
          exchange.trace().resolved(backend.kind());
          Admission ticket = admission.admit(client, deferred != null && prefersAsync(exchange));
          return switch (ticket.decision()) {
            case ADMITTED ->
                admitted(ticket, exchange, handler, client, backend, principal, deadline);
            case DEFERRED -> {
              Prepared prepared = prepare(exchange, client, backend, principal, deadline);
              exchange.trace().deferred();
              yield defer(path, prepared, parser);
            }
            case REJECTED -> throw overloaded(client);
          };
        });
  }

  private HttpResponse admitted(
      Admission ticket,
      Exchange exchange,
      Operation handler,
      String client,
      Backend backend,
      Principal principal,
      RequestDeadline deadline) {
    try {
      Prepared prepared = prepare(exchange, client, backend, principal, deadline);
      return ticket.holdUntilWritten(handler.run(prepared.call(), prepared.body()));
    } catch (RuntimeException e) {
      ticket.release();
      throw e;
    }
  }

  private Prepared prepare(
      Exchange exchange,
      String client,
      Backend backend,
      Principal principal,
      RequestDeadline deadline) {
    JsonNode json = exchange.json();
    Fields body = Fields.body(json);
    GatewayCall call =
        new GatewayCall(
            client,
            backend,
            exchange.requestId(),
            exchange.operation(),
            stripNulls(exchange, body),
            principal,
            security,
            deadline,
            noCache(exchange),
            exchange.trace());
    return new Prepared(call, body, json);
  }

  /** Checks what the synchronous call would check up front, then queues it: 202. */
  private HttpResponse defer(String path, Prepared prepared, Parser parser) {
    GatewayCall call = prepared.call();
    security.check(call.principal(), call.client(), parser.parse(call, prepared.body()));
    DeferredCall deferredCall =
        new DeferredCall(
            path,
            call.operation(),
            call.client(),
            call.principal().key().map(k -> k.id()).orElse(null),
            call.requestId(),
            call.stripNulls(),
            prepared.json());
    Job job = deferred.submit(deferredCall);
    return DeferredRoutes.accepted(job);
  }

  /** Runs a deferred request now, as the synchronous call would have, with its rights rechecked. */
  HttpResponse replay(DeferredCall deferredCall) {
    Operation handler = operations.get(deferredCall.path());
    if (handler == null) {
      throw new IllegalStateException("no gateway route " + deferredCall.path() + " to replay");
    }
    String client = deferredCall.client();
    Principal principal = security.principalFor(deferredCall.keyId(), client);
    Backend backend = clients.resolve(client);
    RequestDeadline deadline =
        RequestDeadline.start(security.config().requestTimeout(), security.clock());
    GatewayCall call =
        new GatewayCall(
            client,
            backend,
            deferredCall.requestId(),
            deferredCall.operation(),
            deferredCall.stripNulls(),
            principal,
            security,
            deadline,
            false,
            detachedTrace(deferredCall));
    return handler.run(call, Fields.body(deferredCall.body()));
  }

  /** A replay is not a request of its own: its trace is kept by nobody. */
  private RequestTrace detachedTrace(DeferredCall deferredCall) {
    return new RequestTrace(
        security.clock().instant(),
        System.nanoTime(),
        deferredCall.requestId(),
        TraceContext.start(),
        "POST",
        deferredCall.path());
  }

  private GatewayException overloaded(String client) {
    return new GatewayException(
        ErrorCode.OVERLOADED,
        "Too many requests are running ("
            + admission.describeLimits(client)
            + "); retry shortly or send Prefer: respond-async",
        null,
        AdmissionController.RETRY_AFTER_SECONDS,
        Map.of());
  }

  private static String requireClient(Exchange exchange) {
    return exchange
        .headers()
        .firstNonBlank(CLIENT_HEADER)
        .orElseThrow(
            () ->
                new GatewayException(
                    ErrorCode.MISSING_CLIENT_HEADER,
                    "The X-Athena-Client header is required: it names the client to use"));
  }

  /** {@code Prefer: respond-async}, alone or among other preferences (RFC 7240). */
  static boolean prefersAsync(Exchange exchange) {
    for (String value : exchange.headers().all(PREFER_HEADER)) {
      for (String preference : value.split(",")) {
        String name = preference.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (name.equals("respond-async")) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code Cache-Control: no-cache} (or {@code no-store}), among other directives or alone. */
  static boolean noCache(Exchange exchange) {
    for (String value : exchange.headers().all(CACHE_CONTROL_HEADER)) {
      for (String directive : value.split(",")) {
        String name = directive.split("=", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (name.equals("no-cache") || name.equals("no-store")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The body's {@code strip_nulls} when sent, else the {@code X-Strip-Nulls} header. */
  private static boolean stripNulls(Exchange exchange, Fields body) {
    return body.bool("strip_nulls")
        .orElseGet(
            () ->
                exchange
                    .headers()
                    .firstNonBlank(STRIP_NULLS_HEADER)
                    .map(value -> value.equalsIgnoreCase("true"))
                    .orElse(false));
  }
}
