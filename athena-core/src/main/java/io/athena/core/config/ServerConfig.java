package io.athena.core.config;

/**
 * The HTTP side.
 *
 * @param host the address the example app binds
 * @param port the port the example app listens on
 * @param maxBodyBytes request bodies larger than this answer 413
 */
public record ServerConfig(String host, int port, long maxBodyBytes) {
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 4052;
  public static final long DEFAULT_MAX_BODY_BYTES = 1_048_576L;

  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES);
  }
}
