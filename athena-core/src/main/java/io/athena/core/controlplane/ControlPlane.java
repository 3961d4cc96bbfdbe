package io.athena.core.controlplane;

import io.athena.spi.catalog.ClientCatalog;
import io.athena.spi.telemetry.AuditSink;
import io.athena.spi.telemetry.RequestStatistics;

/**
 * The control-plane database of a deployment, as one unit: where gateway requests are recorded
 * ({@link #auditSink()}), where their statistics are read back ({@link #statistics()}), and where
 * runtime-managed clients live ({@link #catalog()}). Every Athena node of a deployment shares one.
 *
 * <p>Built by a {@link io.athena.core.ControlPlaneProvider} from {@code gateway.logging_client}, or
 * by the host and handed to {@code Athena.Builder.controlPlane}. {@code Athena.close()} closes it.
 */
public interface ControlPlane extends AutoCloseable {

  AuditSink auditSink();

  RequestStatistics statistics();

  ClientCatalog catalog();

  /** Flushes the audit sink (within its bound) and releases connections. Idempotent. */
  @Override
  void close();
}
