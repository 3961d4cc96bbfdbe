package io.athena.redis;

import java.time.Duration;
import java.util.Objects;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Builds the Redisson client Athena's Redis stores use when the host does not bring its own: one
 * server, short timeouts, no retries (the gateway's circuits decide when to try again, and a caller
 * never waits long on a slow Redis), a lazy connect, so Athena starts while Redis is down, and the
 * script cache (scripts go by their SHA-1, not their text, on every call after the first).
 */
public final class RedisConnections {
  /** The longest a call (or a connect) may take unless set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

  /** Prefixes every key unless set. */
  public static final String DEFAULT_KEY_PREFIX = "athena:";

  private RedisConnections() {}

  /**
   * A client for {@code address} ({@code redis://host:port} or {@code rediss://host:port}).
   *
   * @param password null for none
   */
  public static RedissonClient create(String address, Duration timeout, String password) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(timeout, "timeout");
    Config config = new Config();
    config.setLazyInitialization(true);
    config.setUseScriptCache(true);
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    config
        .useSingleServer()
        .setAddress(address)
        .setPassword(password)
        .setTimeout(millis)
        .setConnectTimeout(millis)
        .setRetryAttempts(0);
    return Redisson.create(config);
  }
}
