package io.athena.spi;

import io.athena.spi.health.ClientProbe;
import io.athena.spi.health.PoolSnapshot;
import java.time.Duration;
import java.util.Optional;
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

  /**
   * Checks that {@code client}'s database answers, with a trivial query, timed. Called from
   * Athena's background prober, never from a request thread. Implementations return within about
   * {@code timeout} even when the database hangs (bounded connection wait, socket or statement
   * timeout), never throw for a database failure, and put only operator-safe words in the error (no
   * password, URI or SQL). The default answers {@link io.athena.spi.health.ProbeStatus#UNKNOWN}, so
   * backends written before probes existed keep compiling; their clients show as {@code unknown}.
   *
   * @param timeout how long the whole probe may take, borrowing a connection included
   */
  default ClientProbe probe(String client, Duration timeout) {
    return ClientProbe.unknown("the " + kind() + " backend does not probe its clients");
  }

  /**
   * The connection pool of {@code client} right now, read from memory without I/O (routes call it
   * on request threads). Empty when the backend has no pool or cannot look into it (the default).
   */
  default Optional<PoolSnapshot> pool(String client) {
    return Optional.empty();
  }

  /** Releases pools and threads. Idempotent. */
  @Override
  default void close() {}
}
