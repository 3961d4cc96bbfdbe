package io.athena.redis;

import java.time.Duration;
import java.util.Objects;
import org.redisson.api.RedissonClient;

/**
 * What every builder of a Redis-backed part asks for: where Redis is, how long a call may take, the
 * password and the key prefix. {@link #build()} makes a Redisson client of the part's own.
 *
 * @param <B> the concrete builder, so that chained calls keep its type
 * @param <T> what it builds
 */
public abstract class RedisClientBuilder<B extends RedisClientBuilder<B, T>, T> {
  private String address = "redis://127.0.0.1:6379";
  private Duration timeout = RedisConnections.DEFAULT_TIMEOUT;
  private String prefix = RedisConnections.DEFAULT_KEY_PREFIX;
  private String password;

  RedisClientBuilder() {}

  /** {@code redis://host:port} or {@code rediss://host:port}. */
  public B address(String address) {
    this.address = Objects.requireNonNull(address, "address");
    return self();
  }

  /** The longest a call (or a connect) may take; 250ms unless set. */
  public B timeout(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return self();
  }

  /** Prefixes every key ({@code athena:} unless set), so several clusters can share a Redis. */
  public B keyPrefix(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    return self();
  }

  public B password(String password) {
    this.password = password;
    return self();
  }

  public T build() {
    return build(RedisConnections.create(address, timeout, password), prefix);
  }

  /** Builds the part on its own client, which the part shuts down when it closes. */
  abstract T build(RedissonClient client, String keyPrefix);

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
