package io.athena.spi.telemetry;

/**
 * Keeps a durable record of every gateway request (the control plane's request log and client
 * statistics). Called on the request thread: an implementation must return at once, write in
 * batches off that thread, and drop (and count) records rather than block or fail a request when
 * its store is slow or down.
 */
public interface AuditSink extends AutoCloseable {

  void record(GatewayEvent event);

  /** Records dropped so far because the store was slow or down; for metrics. */
  default long dropped() {
    return 0;
  }

  /** Records waiting to be written right now; for metrics. */
  default int queueDepth() {
    return 0;
  }

  /** Writes what is queued (within a bounded time) and releases threads. Idempotent. */
  @Override
  default void close() {}
}
