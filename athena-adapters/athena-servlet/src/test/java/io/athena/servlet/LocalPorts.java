package io.athena.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** Loopback resources the multi-node ITs start themselves: free ports, embedded Redis. */
final class LocalPorts {
  private LocalPorts() {}

  /** A port nothing listens on right now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An embedded Redis on {@code port}, started. */
  static RedisServer startRedis(int port) {
    try {
      RedisServer server = new RedisServer(port);
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
