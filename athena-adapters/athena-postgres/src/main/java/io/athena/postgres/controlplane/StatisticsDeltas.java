package io.athena.postgres.controlplane;

import io.athena.spi.telemetry.GatewayEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One audit batch's statistics, added up in memory: one delta per client and one per (client,
 * table, operation), however many requests the batch holds. Each becomes one row of one upsert, so
 * the statistics tables see one update per key per batch, never one per request. Deltas come sorted
 * by key, the order in which every node locks the rows.
 */
final class StatisticsDeltas {

  /** Counts of one client in one batch. */
  record ClientDelta(
      String client, long total, long successful, long failed, long cached, Instant lastAt) {}

  /** Counts of one (client, table, operation) in one batch. */
  record TableDelta(
      String client, String table, String operation, long total, long errors, Instant lastAt) {}

  private record TableKey(String client, String table, String operation) {}

  private static final Comparator<TableKey> TABLE_ORDER =
      Comparator.comparing(TableKey::client)
          .thenComparing(TableKey::table)
          .thenComparing(TableKey::operation);

  private final List<ClientDelta> clients;
  private final List<TableDelta> tables;

  private StatisticsDeltas(List<ClientDelta> clients, List<TableDelta> tables) {
    this.clients = List.copyOf(clients);
    this.tables = List.copyOf(tables);
  }

  /**
   * Adds up {@code events}. Requests without a client (refused before one was named) count nowhere;
   * requests without a table or operation (raw queries) count for their client only.
   */
  static StatisticsDeltas of(List<GatewayEvent> events) {
    Map<String, long[]> byClient = new TreeMap<>();
    Map<String, Instant> clientLast = new TreeMap<>();
    Map<TableKey, long[]> byTable = new TreeMap<>(TABLE_ORDER);
    Map<TableKey, Instant> tableLast = new TreeMap<>(TABLE_ORDER);
    for (GatewayEvent e : events) {
      if (e.client() == null) {
        continue;
      }
      boolean failed = isFailure(e);
      // keys cleaned as the log row is, so that two names cut to one add up instead of colliding
      String client = AuditRows.clean(e.client(), AuditRows.MAX_TEXT);
      long[] c = byClient.computeIfAbsent(client, k -> new long[4]);
      c[0]++;
      c[failed ? 2 : 1]++;
      c[3] += isCached(e) ? 1 : 0;
      clientLast.merge(client, e.ts(), StatisticsDeltas::later);
      if (e.tableName() != null && e.operation() != null) {
        TableKey key =
            new TableKey(
                client,
                AuditRows.clean(e.tableName(), AuditRows.MAX_TEXT),
                AuditRows.clean(e.operation(), AuditRows.MAX_TEXT));
        long[] t = byTable.computeIfAbsent(key, k -> new long[2]);
        t[0]++;
        t[1] += failed ? 1 : 0;
        tableLast.merge(key, e.ts(), StatisticsDeltas::later);
      }
    }
    List<ClientDelta> clients = new ArrayList<>(byClient.size());
    byClient.forEach(
        (client, c) ->
            clients.add(new ClientDelta(client, c[0], c[1], c[2], c[3], clientLast.get(client))));
    List<TableDelta> tables = new ArrayList<>(byTable.size());
    byTable.forEach(
        (k, t) ->
            tables.add(
                new TableDelta(
                    k.client(), k.table(), k.operation(), t[0], t[1], tableLast.get(k))));
    return new StatisticsDeltas(clients, tables);
  }

  /** A request failed when it answered 400 or more (rejections and deferrals included as such). */
  static boolean isFailure(GatewayEvent e) {
    return e.statusCode() >= 400;
  }

  /** The read cache answered it, from either tier. */
  static boolean isCached(GatewayEvent e) {
    return e.cache() != null && e.cache().startsWith("hit_");
  }

  List<ClientDelta> clients() {
    return clients;
  }

  List<TableDelta> tables() {
    return tables;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
