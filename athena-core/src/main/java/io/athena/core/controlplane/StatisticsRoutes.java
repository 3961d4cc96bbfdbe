package io.athena.core.controlplane;

import io.athena.core.http.HttpResponse;
import io.athena.core.json.Envelope;
import io.athena.core.router.Access;
import io.athena.core.router.Exchange;
import io.athena.core.router.Handler;
import io.athena.core.router.Route;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.telemetry.ClientStatistics;
import io.athena.spi.telemetry.ControlPlaneUnavailableException;
import io.athena.spi.telemetry.RequestLogEntry;
import io.athena.spi.telemetry.RequestLogQuery;
import io.athena.spi.telemetry.RequestStatistics;
import io.athena.spi.telemetry.TableStatistics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /admin/clients/statistics}, {@code GET /admin/clients/{name}/statistics} and {@code
 * GET /admin/clients/{name}/statistics/drilldown}: what the audit log counted, per client and per
 * table, and the recorded requests behind the counts. Admin key required; mounted only when a
 * control plane exists.
 */
public final class StatisticsRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(StatisticsRoutes.class);
  private static final String MODULE = "athena-core";

  /** Seconds a caller should wait before asking again when the control plane is down. */
  static final int RETRY_AFTER_SECONDS = 5;

  /** Statistics of a deployment without a control plane: every read says so. */
  public static final RequestStatistics DISABLED = new DisabledStatistics();

  private final RequestStatistics statistics;
  private final Predicate<String> isKnownClient;

  /**
   * @param isKnownClient whether a name is a client of this deployment: such a client without
   *     recorded requests has zero statistics, any other name answers 404 {@code client_not_found}
   */
  public StatisticsRoutes(RequestStatistics statistics, Predicate<String> isKnownClient) {
    this.statistics = Objects.requireNonNull(statistics, "statistics");
    this.isKnownClient = Objects.requireNonNull(isKnownClient, "isKnownClient");
  }

  public List<Route> routes() {
    return List.of(
        route("/admin/clients/statistics", "Request statistics of every client", this::all),
        route(
            "/admin/clients/{name}/statistics",
            "Request statistics of one client, per table and operation",
            this::one),
        route(
            "/admin/clients/{name}/statistics/drilldown",
            "Recorded requests of one client, newest first",
            this::drilldown));
  }

  private static Route route(String path, String summary, Handler handler) {
    return new Route("GET", path, MODULE, Access.ADMIN, summary, handler);
  }

  private HttpResponse all(Exchange ex) {
    List<ClientStatistics> clients = read(statistics::clients);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("statistics", clients.stream().map(StatisticsRoutes::json).toList());
    return Envelope.success("Fetched statistics of " + clients.size() + " clients", data);
  }

  private HttpResponse one(Exchange ex) {
    String client = ex.pathParam("name").orElse("");
    ClientStatistics counters = counters(client);
    List<TableStatistics> tables = read(() -> statistics.tables(client));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("statistics", json(counters));
    data.put("tables", tables.stream().map(StatisticsRoutes::json).toList());
    return Envelope.success("Fetched statistics of client '" + client + "'", data);
  }

  private HttpResponse drilldown(Exchange ex) {
    String client = ex.pathParam("name").orElse("");
    RequestLogQuery query = DrilldownQuery.parse(client, ex.request()::queryParam);
    counters(client); // 404 for a name that is no client
    List<RequestLogEntry> rows = read(() -> statistics.requests(query));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("rows", rows.stream().map(StatisticsRoutes::json).toList());
    return Envelope.success("Fetched " + rows.size() + " requests", data);
  }

  /** The client's counters; zeros for a known client nothing was recorded for yet. */
  private ClientStatistics counters(String client) {
    Optional<ClientStatistics> recorded = read(() -> statistics.client(client));
    if (recorded.isPresent()) {
      return recorded.get();
    }
    if (isKnownClient.test(client)) {
      return ClientStatistics.none(client);
    }
    throw new GatewayException(
        ErrorCode.CLIENT_NOT_FOUND,
        "Client '"
            + DrilldownQuery.printable(client)
            + "' is not configured and has no statistics");
  }

  private static <T> T read(Supplier<T> read) {
    try {
      return read.get();
    } catch (ControlPlaneUnavailableException e) {
      LOG.warn("statistics read failed: {}", e.getMessage());
      throw new GatewayException(
          ErrorCode.DATABASE_UNAVAILABLE,
          "The control plane database is unavailable; try again shortly",
          e,
          RETRY_AFTER_SECONDS,
          Map.of());
    }
  }

  private static Map<String, Object> json(ClientStatistics s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("client_name", s.clientName());
    out.put("total_requests", s.totalRequests());
    out.put("successful_requests", s.successfulRequests());
    out.put("failed_requests", s.failedRequests());
    out.put("total_cached_requests", s.totalCachedRequests());
    out.put("last_request_at", time(s.lastRequestAt()));
    return out;
  }

  private static Map<String, Object> json(TableStatistics s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("table_name", s.tableName());
    out.put("operation", s.operation());
    out.put("total_operations", s.totalOperations());
    out.put("error_operations", s.errorOperations());
    out.put("last_operation_at", time(s.lastOperationAt()));
    return out;
  }

  private static Map<String, Object> json(RequestLogEntry e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("created_at", time(e.createdAt()));
    out.put("request_id", e.requestId());
    out.put("operation", e.operation());
    out.put("table_name", e.tableName());
    out.put("method", e.method());
    out.put("path", e.path());
    out.put("status_code", e.statusCode());
    out.put("duration_ms", e.durationMs());
    out.put("error", e.error());
    out.put("error_code", e.errorCode());
    out.put("message", e.message());
    out.put("cache_key", e.cacheKey());
    return out;
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
