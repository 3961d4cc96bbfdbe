package io.athena.core.controlplane;

import io.athena.spi.catalog.CatalogClient;
import io.athena.spi.catalog.ClientCatalog;
import io.athena.spi.telemetry.AuditSink;
import io.athena.spi.telemetry.ClientStatistics;
import io.athena.spi.telemetry.ControlPlaneUnavailableException;
import io.athena.spi.telemetry.GatewayEvent;
import io.athena.spi.telemetry.RequestLogEntry;
import io.athena.spi.telemetry.RequestLogQuery;
import io.athena.spi.telemetry.RequestStatistics;
import io.athena.spi.telemetry.TableStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A control plane held in lists, for the core's route and wiring tests. */
final class FakeControlPlane implements ControlPlane, AuditSink, RequestStatistics {
  final List<GatewayEvent> recorded = new ArrayList<>();
  final Map<String, ClientStatistics> clients = new LinkedHashMap<>();
  final Map<String, List<TableStatistics>> tables = new LinkedHashMap<>();
  final List<RequestLogEntry> log = new ArrayList<>();
  final List<RequestLogQuery> queries = new ArrayList<>();
  final AtomicInteger closes = new AtomicInteger();
  long dropped;
  int queueDepth;
  boolean down;

  @Override
  public AuditSink auditSink() {
    return this;
  }

  @Override
  public RequestStatistics statistics() {
    return this;
  }

  @Override
  public ClientCatalog catalog() {
    return new ClientCatalog() {
      @Override
      public List<CatalogClient> list() {
        return List.of();
      }

      @Override
      public Optional<CatalogClient> get(String name) {
        return Optional.empty();
      }

      @Override
      public CatalogClient create(CatalogClient client) {
        return client;
      }

      @Override
      public Optional<CatalogClient> update(CatalogClient client) {
        return Optional.empty();
      }
    };
  }

  @Override
  public void record(GatewayEvent event) {
    recorded.add(event);
  }

  @Override
  public long dropped() {
    return dropped;
  }

  @Override
  public int queueDepth() {
    return queueDepth;
  }

  @Override
  public List<ClientStatistics> clients() {
    failIfDown();
    return List.copyOf(clients.values());
  }

  @Override
  public Optional<ClientStatistics> client(String clientName) {
    failIfDown();
    return Optional.ofNullable(clients.get(clientName));
  }

  @Override
  public List<TableStatistics> tables(String clientName) {
    failIfDown();
    return tables.getOrDefault(clientName, List.of());
  }

  @Override
  public List<RequestLogEntry> requests(RequestLogQuery query) {
    failIfDown();
    queries.add(query);
    return log;
  }

  @Override
  public void close() {
    closes.incrementAndGet();
  }

  private void failIfDown() {
    if (down) {
      throw new ControlPlaneUnavailableException(
          "control plane unreachable: connection refused", null);
    }
  }
}
