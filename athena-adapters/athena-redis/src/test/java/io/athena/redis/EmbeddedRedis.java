package io.athena.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** An embedded Redis on a free port, for tests. */
final class EmbeddedRedis implements AutoCloseable {
  private final int port;
  private RedisServer server;

  EmbeddedRedis() {
    this.port = freePort();
    start();
  }

  void start() {
    try {
      server = new RedisServer(port);
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String address() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
