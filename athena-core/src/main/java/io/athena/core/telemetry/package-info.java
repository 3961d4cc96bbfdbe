/**
 * One {@code gateway_trace} per gateway request: {@link io.athena.core.telemetry.RequestTrace}
 * collects what the router and the gateway learn while a request runs, {@link
 * io.athena.core.telemetry.GatewayTelemetry} turns it into a {@link
 * io.athena.spi.telemetry.GatewayEvent} once the response is written and hands that to the metrics,
 * the {@code athena.gateway_trace} logger, the trace sinks and the audit sink. W3C trace context
 * lives in {@link io.athena.core.telemetry.TraceContext}.
 */
package io.athena.core.telemetry;
