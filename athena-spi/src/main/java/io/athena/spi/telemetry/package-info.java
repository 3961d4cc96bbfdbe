/**
 * What Athena tells operators about the requests it served: the {@link
 * io.athena.spi.telemetry.GatewayEvent} recorded once per gateway request, the {@link
 * io.athena.spi.telemetry.TraceSink}s that receive every {@link io.athena.spi.telemetry.TraceEvent}
 * (gateway, job and daemon events), and the {@link io.athena.spi.telemetry.AuditSink} that keeps
 * gateway requests in a control-plane database, read back through {@link
 * io.athena.spi.telemetry.RequestStatistics}.
 */
package io.athena.spi.telemetry;
