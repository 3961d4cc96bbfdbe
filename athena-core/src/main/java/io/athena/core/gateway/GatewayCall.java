package io.athena.core.gateway;

import io.athena.spi.Backend;
import io.athena.spi.GatewayOperation;
import io.athena.spi.OperationResult;

/**
 * One gateway request after the shared checks: the client it names, the backend serving it, and the
 * response options every operation shares.
 *
 * @param operation {@code fetch}, {@code insert}, ... for logs
 * @param stripNulls drop null fields from rows: the body's {@code strip_nulls} when sent, else the
 *     {@code X-Strip-Nulls} header
 */
record GatewayCall(
    String client, Backend backend, String requestId, String operation, boolean stripNulls) {

  OperationResult execute(GatewayOperation op) {
    return backend.execute(client, op);
  }

  RowWriter rowWriter() {
    return new RowWriter(stripNulls);
  }
}
