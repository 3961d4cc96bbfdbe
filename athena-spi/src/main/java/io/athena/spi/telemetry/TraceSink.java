package io.athena.spi.telemetry;

/**
 * Receives every trace event: one per gateway request, plus job and daemon events. Called on the
 * request thread: an implementation must return at once (queue the event, drop and count it when
 * the queue is full); it must never block a request or throw.
 */
public interface TraceSink extends AutoCloseable {

  void write(TraceEvent event);

  /** Flushes what is queued and releases files or threads. Idempotent. */
  @Override
  default void close() {}
}
