package io.athena.spi;

import java.util.Set;

/**
 * Runs gateway operations against the databases of its clients. Implementations validate every
 * identifier, quote it, and bind every value as a parameter; they translate their own failures into
 * {@link GatewayException} with a stable {@link ErrorCode}.
 */
public interface Backend extends AutoCloseable {

  /** A short name for traces and the registry, such as {@code postgres}. */
  String kind();

  /** The clients this backend serves. */
  Set<String> clients();

  /**
   * Runs one operation for one client.
   *
   * @throws GatewayException for every failure a caller should see
   */
  OperationResult execute(String client, GatewayOperation operation);

  /**
   * Runs one operation for one client under {@code options}. The default ignores the options, so
   * backends written before they existed keep working; backends that can bound their statements'
   * time (see {@link ExecutionOptions#timeout()}) override it.
   *
   * @throws GatewayException for every failure a caller should see
   */
  default OperationResult execute(
      String client, GatewayOperation operation, ExecutionOptions options) {
    return execute(client, operation);
  }

  /** Releases pools and threads. Idempotent. */
  @Override
  default void close() {}
}
