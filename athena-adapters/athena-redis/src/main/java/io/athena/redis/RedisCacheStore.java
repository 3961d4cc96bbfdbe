package io.athena.redis;

import io.athena.spi.cache.CacheEntry;
import io.athena.spi.cache.CacheStore;
import io.athena.spi.cache.CacheUnavailableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.redisson.Redisson;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * The shared tier of the read cache on Redis, through Redisson.
 *
 * <pre>{@code
 * Athena.builder().sharedCache(RedisCacheStore.builder().address("redis://redis:6379").build())
 * }</pre>
 *
 * <p>Every call has a short timeout and no retries: the gateway's circuit decides when to try
 * again, and a caller never waits long on a slow Redis. Redisson connects lazily, so Athena starts
 * while Redis is down.
 *
 * <p>A scope's generation starts at a random value the first time it is read or advanced: if Redis
 * restarts empty, the new generations cannot equal the ones that entries held elsewhere were built
 * at, so those entries are never taken for fresh.
 */
public final class RedisCacheStore implements CacheStore {
  /** Reads the generation, starting it at ARGV[1] when the key is missing. */
  private static final String GENERATION =
      "local v = redis.call('get', KEYS[1]) "
          + "if not v then redis.call('set', KEYS[1], ARGV[1]) v = ARGV[1] end "
          + "return tonumber(v)";

  /** Advances the generation, starting it at ARGV[1] when the key is missing. */
  private static final String ADVANCE =
      "if redis.call('exists', KEYS[1]) == 0 then redis.call('set', KEYS[1], ARGV[1]) end "
          + "return redis.call('incr', KEYS[1])";

  private final RedissonClient redis;
  private final String prefix;
  private final RTopic topic;
  private final String nodeId = UUID.randomUUID().toString();

  private RedisCacheStore(RedissonClient redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
    this.topic = redis.getTopic(prefix + "advances", StringCodec.INSTANCE);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public Optional<CacheEntry> get(String key) {
    byte[] stored =
        call(() -> redis.<byte[]>getBucket(entryKey(key), ByteArrayCodec.INSTANCE).get());
    return Optional.ofNullable(stored).map(RedisCacheStore::decode);
  }

  @Override
  public void put(String key, CacheEntry entry, Duration ttl) {
    byte[] encoded = encode(entry);
    call(
        () -> {
          redis.<byte[]>getBucket(entryKey(key), ByteArrayCodec.INSTANCE).set(encoded, ttl);
          return null;
        });
  }

  @Override
  public long generation(String scope) {
    return script(GENERATION, scope);
  }

  @Override
  public long advance(String scope) {
    long next = script(ADVANCE, scope);
    call(() -> topic.publish(nodeId + " " + scope));
    return next;
  }

  /** Entries are left to their TTL: a stale one is recognised by its generation anyway. */
  @Override
  public void evict(String scope) {}

  @Override
  public void clear() {
    call(() -> redis.getKeys().deleteByPattern(prefix + "e:*"));
  }

  @Override
  public void onRemoteAdvance(Consumer<String> listener) {
    call(
        () ->
            topic.addListener(
                String.class,
                (channel, message) -> {
                  int space = message.indexOf(' ');
                  if (space > 0 && !message.substring(0, space).equals(nodeId)) {
                    listener.accept(message.substring(space + 1));
                  }
                }));
  }

  @Override
  public void close() {
    redis.shutdown();
  }

  private long script(String lua, String scope) {
    // a random start far from 0, below 2^50 so that Lua's doubles hold it exactly
    long start = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 49);
    Long value =
        call(
            () ->
                redis
                    .getScript(StringCodec.INSTANCE)
                    .eval(
                        RScript.Mode.READ_WRITE,
                        lua,
                        RScript.ReturnType.INTEGER,
                        List.of(prefix + "g:" + scope),
                        Long.toString(start)));
    return value;
  }

  private String entryKey(String key) {
    return prefix + "e:" + key;
  }

  private static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw new CacheUnavailableException("Redis did not answer: " + e.getMessage(), e);
    }
  }

  /** {@code [generation:8][scope length:4][scope][body]}. */
  static byte[] encode(CacheEntry entry) {
    byte[] scope = entry.scope().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(12 + scope.length + entry.body().length)
        .putLong(entry.generation())
        .putInt(scope.length)
        .put(scope)
        .put(entry.body())
        .array();
  }

  static CacheEntry decode(byte[] stored) {
    ByteBuffer buffer = ByteBuffer.wrap(stored);
    long generation = buffer.getLong();
    byte[] scope = new byte[buffer.getInt()];
    buffer.get(scope);
    byte[] body = new byte[buffer.remaining()];
    buffer.get(body);
    return new CacheEntry(new String(scope, StandardCharsets.UTF_8), generation, body);
  }

  /** Configures the Redisson client. */
  public static final class Builder {
    private String address = "redis://127.0.0.1:6379";
    private Duration timeout = Duration.ofMillis(250);
    private String prefix = "athena:cache:";
    private String password;

    private Builder() {}

    /** {@code redis://host:port} or {@code rediss://host:port}. */
    public Builder address(String address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The longest a call (or a connect) may take; 250ms unless set. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Prefixes every key, so several Athena clusters can share one Redis. */
    public Builder keyPrefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public RedisCacheStore build() {
      Config config = new Config();
      config.setLazyInitialization(true);
      int millis = (int) Math.max(1, timeout.toMillis());
      config
          .useSingleServer()
          .setAddress(address)
          .setPassword(password)
          .setTimeout(millis)
          .setConnectTimeout(millis)
          .setRetryAttempts(0);
      return new RedisCacheStore(Redisson.create(config), prefix);
    }
  }
}
