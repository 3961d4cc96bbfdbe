package io.athena.core.controlplane;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.telemetry.ClientStatistics;
import io.athena.spi.telemetry.RequestLogEntry;
import io.athena.spi.telemetry.RequestLogQuery;
import io.athena.spi.telemetry.RequestStatistics;
import io.athena.spi.telemetry.TableStatistics;
import java.util.List;
import java.util.Optional;

/**
 * The statistics of a deployment without a control plane: every read answers 404 {@code
 * control_plane_disabled}, which tells an operator what to configure (a bare 404 or 405 would not).
 */
final class DisabledStatistics implements RequestStatistics {

  private static GatewayException disabled() {
    return new GatewayException(
        ErrorCode.CONTROL_PLANE_DISABLED,
        "Statistics are kept by the control plane, and none is configured: set"
            + " gateway.logging_client to a postgres client");
  }

  @Override
  public List<ClientStatistics> clients() {
    throw disabled();
  }

  @Override
  public Optional<ClientStatistics> client(String clientName) {
    throw disabled();
  }

  @Override
  public List<TableStatistics> tables(String clientName) {
    throw disabled();
  }

  @Override
  public List<RequestLogEntry> requests(RequestLogQuery query) {
    throw disabled();
  }
}
