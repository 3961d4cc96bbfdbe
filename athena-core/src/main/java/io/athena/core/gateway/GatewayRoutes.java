package io.athena.core.gateway;

import io.athena.core.clients.ClientRegistry;
import io.athena.core.config.GatewayConfig;
import io.athena.core.http.HttpResponse;
import io.athena.core.router.Access;
import io.athena.core.router.Exchange;
import io.athena.core.router.Route;
import io.athena.spi.Backend;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.util.List;

/**
 * The {@code /gateway/*} routes. Every one first names its operation (so error envelopes carry
 * {@code data.operation}), requires {@code X-Athena-Client}, resolves the client's backend and
 * reads the body as a JSON object; then its handler parses, executes and answers.
 */
public final class GatewayRoutes {
  static final String CLIENT_HEADER = "X-Athena-Client";
  static final String STRIP_NULLS_HEADER = "X-Strip-Nulls";
  private static final String MODULE = "athena-core";

  private final ClientRegistry clients;
  private final FetchHandler fetch;
  private final WriteHandlers writes;
  private final QueryHandler query;

  public GatewayRoutes(ClientRegistry clients, GatewayConfig config) {
    this.clients = clients;
    this.fetch = new FetchHandler(config.defaultSchema());
    this.writes = new WriteHandlers(config.defaultSchema());
    this.query = new QueryHandler(config.defaultSchema());
  }

  public List<Route> routes() {
    return List.of(
        route("POST", "/gateway/fetch", "fetch", "Read rows of a table or view", fetch::handle),
        route(
            "POST", "/gateway/data", "fetch", "Read rows (alias of /gateway/fetch)", fetch::handle),
        route("PUT", "/gateway/insert", "insert", "Insert or upsert rows", writes::insert),
        route(
            "POST", "/gateway/update", "update", "Update rows matching conditions", writes::update),
        route(
            "DELETE",
            "/gateway/delete",
            "delete",
            "Delete rows by id or conditions",
            writes::delete),
        route(
            "POST", "/gateway/query", "query", "Run raw SQL with bound parameters", query::handle));
  }

  /** One gateway operation, after the shared checks. */
  @FunctionalInterface
  private interface Operation {
    HttpResponse run(GatewayCall call, Fields body);
  }

  private Route route(
      String method, String path, String operation, String summary, Operation handler) {
    return new Route(
        method,
        path,
        MODULE,
        Access.GATEWAY,
        summary,
        exchange -> {
          exchange.operation(operation);
          String client =
              exchange
                  .headers()
                  .firstNonBlank(CLIENT_HEADER)
                  .orElseThrow(
                      () ->
                          new GatewayException(
                              ErrorCode.MISSING_CLIENT_HEADER,
                              "The X-Athena-Client header is required: it names the client to use"));
          Backend backend = clients.resolve(client);
          Fields body = Fields.body(exchange.json());
          GatewayCall call =
              new GatewayCall(
                  client, backend, exchange.requestId(), operation, stripNulls(exchange, body));
          return handler.run(call, body);
        });
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
