package io.athena.postgres.controlplane;

import io.athena.postgres.internal.SqlExceptions;
import io.athena.spi.telemetry.ClientStatistics;
import io.athena.spi.telemetry.ControlPlaneUnavailableException;
import io.athena.spi.telemetry.RequestLogEntry;
import io.athena.spi.telemetry.RequestLogQuery;
import io.athena.spi.telemetry.RequestStatistics;
import io.athena.spi.telemetry.TableStatistics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the counters and the request log the {@link PostgresAuditSink} writes. Each call is one
 * statement on the control plane's read pool; the drilldown walks an index in newest-first order.
 *
 * <p>Obtained from {@link PostgresControlPlane#statistics()}.
 */
public final class PostgresRequestStatistics implements RequestStatistics {
  private final ControlPlaneStore store;

  PostgresRequestStatistics(ControlPlaneStore store) {
    this.store = store;
  }

  @Override
  public List<ClientStatistics> clients() {
    try {
      return store.query(
          store.sql().allClientStatistics(), ps -> {}, PostgresRequestStatistics::client);
    } catch (SQLException e) {
      throw unavailable("read the client statistics", e);
    }
  }

  @Override
  public Optional<ClientStatistics> client(String clientName) {
    Objects.requireNonNull(clientName, "clientName");
    try {
      List<ClientStatistics> rows =
          store.query(
              store.sql().clientStatistics(),
              ps -> ps.setString(1, clientName),
              PostgresRequestStatistics::client);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    } catch (SQLException e) {
      throw unavailable("read the statistics of a client", e);
    }
  }

  @Override
  public List<TableStatistics> tables(String clientName) {
    Objects.requireNonNull(clientName, "clientName");
    try {
      return store.query(
          store.sql().tableStatistics(),
          ps -> ps.setString(1, clientName),
          PostgresRequestStatistics::table);
    } catch (SQLException e) {
      throw unavailable("read the table statistics of a client", e);
    }
  }

  @Override
  public List<RequestLogEntry> requests(RequestLogQuery query) {
    Objects.requireNonNull(query, "query");
    try {
      return store.query(
          store.sql().requests(query),
          ps -> {
            int p = 1;
            ps.setString(p++, query.client());
            if (query.tableName() != null) {
              ps.setString(p++, query.tableName());
            }
            if (query.operation() != null) {
              ps.setString(p++, query.operation());
            }
            ps.setInt(p++, query.limit());
            ps.setInt(p, query.offset());
          },
          PostgresRequestStatistics::entry);
    } catch (SQLException e) {
      throw unavailable("read the request log", e);
    }
  }

  private static ClientStatistics client(ResultSet rs) throws SQLException {
    return new ClientStatistics(
        rs.getString("client_name"),
        rs.getLong("total_requests"),
        rs.getLong("successful_requests"),
        rs.getLong("failed_requests"),
        rs.getLong("total_cached_requests"),
        ControlPlaneStore.instant(rs, "last_request_at"));
  }

  private static TableStatistics table(ResultSet rs) throws SQLException {
    return new TableStatistics(
        rs.getString("table_name"),
        rs.getString("operation"),
        rs.getLong("total_operations"),
        rs.getLong("error_operations"),
        ControlPlaneStore.instant(rs, "last_operation_at"));
  }

  private static RequestLogEntry entry(ResultSet rs) throws SQLException {
    return new RequestLogEntry(
        ControlPlaneStore.instant(rs, "created_at"),
        rs.getString("request_id"),
        rs.getString("operation"),
        rs.getString("table_name"),
        rs.getString("method"),
        rs.getString("path"),
        rs.getInt("status_code"),
        rs.getDouble("duration_ms"),
        rs.getString("error_code"),
        rs.getString("message"),
        rs.getString("cache_key"));
  }

  private ControlPlaneUnavailableException unavailable(String action, SQLException e) {
    return new ControlPlaneUnavailableException(
        "Control plane could not " + action + ": " + SqlExceptions.summary(e), e);
  }
}
