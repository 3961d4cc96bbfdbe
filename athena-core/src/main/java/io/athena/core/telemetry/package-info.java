/**
 * One {@code gateway_trace} per gateway request: {@link io.athena.core.telemetry.RequestTrace}
 * collects what the router and the gateway learn while a request runs, {@link
 * io.athena.core.telemetry.GatewayTelemetry} turns it into a {@link
 * io.athena.spi.telemetry.GatewayEvent} once the response is written and hands that to the metrics,
 * the {@code athena.gateway_trace} logger, the trace sinks and the audit sink. W3C trace context
 * lives in {@link io.athena.core.telemetry.TraceContext}.
 *
 * <p>Trace events leaving the process: {@link io.athena.core.telemetry.TraceJson} writes a {@link
 * io.athena.spi.telemetry.TraceEvent} as one JSON line, {@link
 * io.athena.core.telemetry.FileTraceSink} appends those lines to rotating {@code success.log} and
 * {@code error.log} files off the request thread, and {@link
 * io.athena.core.telemetry.LoggerTraceSink} hands them to an SLF4J logger.
 */
package io.athena.core.telemetry;
