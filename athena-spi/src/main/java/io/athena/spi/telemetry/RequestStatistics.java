package io.athena.spi.telemetry;

import java.util.List;
import java.util.Optional;

/**
 * Reads what an {@link AuditSink} wrote: per-client and per-table counters, and the request log
 * behind them. Counters lag the requests by the sink's batching (about a flush interval).
 *
 * <p>Implementations throw {@link ControlPlaneUnavailableException} when their store cannot be
 * reached.
 */
public interface RequestStatistics {

  /** Every client with recorded requests, by name. */
  List<ClientStatistics> clients();

  /** One client's counters; empty when nothing was recorded for it. */
  Optional<ClientStatistics> client(String clientName);

  /** One client's counters per table and operation, by table then operation. */
  List<TableStatistics> tables(String clientName);

  /** Recorded requests of one client matching {@code query}, newest first. */
  List<RequestLogEntry> requests(RequestLogQuery query);
}
