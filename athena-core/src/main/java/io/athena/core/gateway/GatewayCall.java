package io.athena.core.gateway;

import io.athena.core.auth.GatewaySecurity;
import io.athena.core.auth.Principal;
import io.athena.core.telemetry.RequestTrace;
import io.athena.spi.Backend;
import io.athena.spi.ExecutionOptions;
import io.athena.spi.GatewayOperation;
import io.athena.spi.OperationResult;

/**
 * One gateway request after the shared checks: the client it names, the backend serving it, and the
 * response options every operation shares.
 *
 * @param operation {@code fetch}, {@code insert}, ... for logs
 * @param stripNulls drop null fields from rows: the body's {@code strip_nulls} when sent, else the
 *     {@code X-Strip-Nulls} header
 * @param principal who the request acts as
 * @param security checks the principal's right and the request limits
 * @param deadline when the whole request must be done by
 * @param noCache the caller sent {@code Cache-Control: no-cache}: do not answer from the cache
 * @param trace what this request's {@code gateway_trace} will say
 */
record GatewayCall(
    String client,
    Backend backend,
    String requestId,
    String operation,
    boolean stripNulls,
    Principal principal,
    GatewaySecurity security,
    RequestDeadline deadline,
    boolean noCache,
    RequestTrace trace) {

  /**
   * Runs {@code op} once its right and limits are checked: every operation passes here, so this is
   * the one place an operation cannot get around authorization.
   */
  OperationResult execute(GatewayOperation op) {
    return run(authorize(op));
  }

  /** Checks {@code op}'s right and limits; returns the operation to run (maybe narrowed). */
  GatewayOperation authorize(GatewayOperation op) {
    trace.target(op);
    return security.check(principal, client, op);
  }

  /** Runs an operation {@link #authorize} returned. */
  OperationResult run(GatewayOperation checked) {
    ExecutionOptions options = deadline.options();
    return backend.execute(client, checked, options);
  }

  /** The condition count and nesting limits this request is parsed under. */
  GatewayLimits limits() {
    return GatewayLimits.of(security.config());
  }

  RowWriter rowWriter() {
    return new RowWriter(stripNulls);
  }
}
