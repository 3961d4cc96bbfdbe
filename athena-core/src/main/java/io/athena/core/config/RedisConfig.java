package io.athena.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The Redis that several nodes share ({@code cache.redis}): the read cache's shared tier and, when
 * asked for, the cluster-wide rate limit and admission counters. {@code Athena.fromConfig} finds
 * the adapter ({@code io.athena:athena-redis}) on the classpath when an address is set.
 *
 * @param address {@code redis://host:port} or {@code rediss://host:port}; empty for no Redis
 * @param timeout the longest one call (or connect) may take
 * @param password the password, if Redis asks for one
 * @param keyPrefix prefixes every key, so several Athena clusters can share one Redis
 */
public record RedisConfig(
    Optional<String> address, Duration timeout, Optional<Secret> password, String keyPrefix) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);
  public static final String DEFAULT_KEY_PREFIX = "athena:";

  public RedisConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout was " + timeout + " but must be positive");
    }
  }

  /** No Redis. */
  public static RedisConfig none() {
    return new RedisConfig(Optional.empty(), DEFAULT_TIMEOUT, Optional.empty(), DEFAULT_KEY_PREFIX);
  }

  /** Redis at {@code address} with the default timeout and prefix, no password. */
  public static RedisConfig at(String address) {
    return new RedisConfig(
        Optional.of(address), DEFAULT_TIMEOUT, Optional.empty(), DEFAULT_KEY_PREFIX);
  }

  /** This Redis with every key under {@code newPrefix}. */
  public RedisConfig withKeyPrefix(String newPrefix) {
    return new RedisConfig(address, timeout, password, newPrefix);
  }

  /** Whether a Redis is configured. */
  public boolean configured() {
    return address.isPresent();
  }

  /** Never shows a password, not even one inside the address. */
  @Override
  public String toString() {
    return "RedisConfig[address="
        + describeAddress()
        + ", timeout="
        + timeout
        + ", password="
        + password
        + ", keyPrefix="
        + keyPrefix
        + "]";
  }

  /** The address with any password in it masked, for logs. */
  public String describeAddress() {
    return address.map(Uris::maskPassword).orElse("(none)");
  }
}
