package io.athena.redis;

import io.athena.spi.cache.CacheEntry;
import io.athena.spi.cache.CacheStore;
import io.athena.spi.cache.CacheUnavailableException;
import io.athena.spi.cache.GenerationRead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

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
 * at, so those entries are never taken for fresh. Node leases live in one sorted set (score: the
 * expiry in epoch milliseconds on the gateways' clocks), read in the same script as a generation.
 */
public final class RedisCacheStore implements CacheStore {
  /**
   * Reads the generation, starting it at ARGV[1] when the key is missing; then whether reader
   * ARGV[4] holds a lease (1 or 0), and one other node whose lease expired within [ARGV[3],
   * ARGV[2]], if any.
   */
  private static final String READ =
      "local v = redis.call('get', KEYS[1]) "
          + "if not v then redis.call('set', KEYS[1], ARGV[1]) v = ARGV[1] end "
          + "local leased = 0 "
          + "if redis.call('zscore', KEYS[2], ARGV[4]) then leased = 1 end "
          + "local lapsed = redis.call('zrangebyscore', KEYS[2], ARGV[3], ARGV[2], 'LIMIT', 0, 2) "
          + "for _, node in ipairs(lapsed) do "
          + "  if node ~= ARGV[4] then return {tonumber(v), leased, node} end "
          + "end "
          + "return {tonumber(v), leased}";

  /** Advances the generation, starting it at ARGV[1] when the key is missing. */
  private static final String ADVANCE =
      "if redis.call('exists', KEYS[1]) == 0 then redis.call('set', KEYS[1], ARGV[1]) end "
          + "return redis.call('incr', KEYS[1])";

  /** Renews lease ARGV[1] until ARGV[2]; forgets leases that expired before ARGV[3]. */
  private static final String RENEW =
      "redis.call('zadd', KEYS[1], ARGV[2], ARGV[1]) "
          + "redis.call('zremrangebyscore', KEYS[1], '-inf', '(' .. ARGV[3]) "
          + "return 1";

  private static final long NO_EXPIRY = Long.MAX_VALUE;
  private static final String ENTRIES = "e2:";

  private final RedissonClient redis;
  private final boolean ownsClient;
  private final String prefix;
  private final RTopic topic;
  private final String nodeId = UUID.randomUUID().toString();

  private RedisCacheStore(RedissonClient redis, boolean ownsClient, String keyPrefix) {
    this.redis = redis;
    this.ownsClient = ownsClient;
    this.prefix = keyPrefix + "cache:";
    this.topic = redis.getTopic(prefix + "advances", StringCodec.INSTANCE);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A store over the host's client, which {@link #close()} leaves open. Give the client short
   * timeouts and no retries ({@link RedisConnections#create} builds one like that).
   *
   * @param keyPrefix prefixes every key ({@code athena:} by default elsewhere)
   */
  public static RedisCacheStore of(RedissonClient client, String keyPrefix) {
    return new RedisCacheStore(
        Objects.requireNonNull(client, "client"),
        false,
        Objects.requireNonNull(keyPrefix, "keyPrefix"));
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
    return readGeneration(scope, nodeId, Instant.EPOCH, Instant.EPOCH).generation();
  }

  @Override
  public GenerationRead readGeneration(
      String scope, String node, Instant now, Instant forgetBefore) {
    List<Object> answer =
        script(
            READ,
            RScript.ReturnType.MULTI,
            List.of(generationKey(scope), leasesKey()),
            randomStart(),
            Long.toString(now.toEpochMilli()),
            Long.toString(forgetBefore.toEpochMilli()),
            node);
    long generation = ((Number) answer.get(0)).longValue();
    boolean leased = ((Number) answer.get(1)).longValue() == 1;
    Optional<String> lapsed =
        answer.size() > 2 ? Optional.of(answer.get(2).toString()) : Optional.empty();
    return new GenerationRead(generation, lapsed, leased);
  }

  @Override
  public long advance(String scope) {
    Long next =
        script(ADVANCE, RScript.ReturnType.INTEGER, List.of(generationKey(scope)), randomStart());
    call(() -> topic.publish(nodeId + " " + scope));
    return next;
  }

  @Override
  public void renewLease(String node, Instant expiresAt, Instant forgetBefore) {
    script(
        RENEW,
        RScript.ReturnType.INTEGER,
        List.of(leasesKey()),
        node,
        Long.toString(expiresAt.toEpochMilli()),
        Long.toString(forgetBefore.toEpochMilli()));
  }

  @Override
  public void dropLease(String node) {
    call(() -> redis.getScoredSortedSet(leasesKey(), StringCodec.INSTANCE).remove(node));
  }

  /** Entries are left to their TTL: a stale one is recognised by its generation anyway. */
  @Override
  public void evict(String scope) {}

  @Override
  public void clear() {
    call(() -> redis.getKeys().deleteByPattern(prefix + ENTRIES + "*"));
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

  /** Shuts the Redisson client down, unless the host gave it ({@link #of}). */
  @Override
  public void close() {
    if (ownsClient) {
      redis.shutdown();
    }
  }

  /** A random start far from 0, below 2^50 so that Lua's doubles hold it exactly. */
  private static String randomStart() {
    return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 49));
  }

  private <T> T script(String lua, RScript.ReturnType type, List<Object> keys, Object... args) {
    return call(
        () ->
            redis
                .getScript(StringCodec.INSTANCE)
                .eval(RScript.Mode.READ_WRITE, lua, type, keys, args));
  }

  /** Entries live under {@code e2:}: the encoding of format 1 ({@code e:}) had no row count. */
  private String entryKey(String key) {
    return prefix + ENTRIES + key;
  }

  private String generationKey(String scope) {
    return prefix + "g:" + scope;
  }

  private String leasesKey() {
    return prefix + "leases";
  }

  private static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw new CacheUnavailableException("Redis did not answer: " + e.getMessage(), e);
    }
  }

  /** {@code [generation:8][rows:8][expires at, epoch ms:8][scope length:4][scope][body]}. */
  static byte[] encode(CacheEntry entry) {
    byte[] scope = entry.scope().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(28 + scope.length + entry.body().length)
        .putLong(entry.generation())
        .putLong(entry.rows())
        .putLong(epochMillis(entry.expiresAt()))
        .putInt(scope.length)
        .put(scope)
        .put(entry.body())
        .array();
  }

  static CacheEntry decode(byte[] stored) {
    ByteBuffer buffer = ByteBuffer.wrap(stored);
    long generation = buffer.getLong();
    long rows = buffer.getLong();
    long expiresAt = buffer.getLong();
    byte[] scope = new byte[buffer.getInt()];
    buffer.get(scope);
    byte[] body = new byte[buffer.remaining()];
    buffer.get(body);
    return new CacheEntry(
        new String(scope, StandardCharsets.UTF_8),
        generation,
        body,
        rows,
        expiresAt == NO_EXPIRY ? Instant.MAX : Instant.ofEpochMilli(expiresAt));
  }

  private static long epochMillis(Instant instant) {
    try {
      return instant.equals(Instant.MAX) ? NO_EXPIRY : instant.toEpochMilli();
    } catch (ArithmeticException farFuture) {
      return NO_EXPIRY;
    }
  }

  /** Configures a store with a Redisson client of its own, which {@link #close()} shuts down. */
  public static final class Builder extends RedisClientBuilder<Builder, RedisCacheStore> {
    private Builder() {}

    @Override
    RedisCacheStore build(RedissonClient client, String keyPrefix) {
      return new RedisCacheStore(client, true, keyPrefix);
    }
  }
}
