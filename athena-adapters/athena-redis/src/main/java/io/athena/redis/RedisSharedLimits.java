package io.athena.redis;

import io.athena.spi.limits.LimitsUnavailableException;
import io.athena.spi.limits.SharedLimits;
import io.athena.spi.limits.SlotGrant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Rate and admission limits counted across nodes in Redis: one Lua script per decision, so a
 * decision is atomic however many nodes ask at once.
 *
 * <ul>
 *   <li>A token bucket is a hash {@code {tokens, at}} refilled from the caller's clock, expiring
 *       once it would be full again anyway.
 *   <li>A slot pool is a sorted set of slots scored by their expiry; lapsed slots are dropped
 *       before a pool is counted, so a node that died gives its slots back within one lease.
 * </ul>
 *
 * <p>Give the Redisson client short timeouts and no retries ({@link RedisConnections#create}): the
 * gateway counts locally whenever this store fails.
 */
public final class RedisSharedLimits implements SharedLimits {
  /** KEYS[1] the bucket; ARGV: now (ms), tokens per second, burst. Returns the wait in ms. */
  private static final String TAKE_TOKEN =
      "local now = tonumber(ARGV[1]) "
          + "local rate = tonumber(ARGV[2]) "
          + "local burst = tonumber(ARGV[3]) "
          + "local state = redis.call('hmget', KEYS[1], 'tokens', 'at') "
          + "local tokens = tonumber(state[1]) "
          + "local at = tonumber(state[2]) "
          + "if tokens == nil or at == nil then tokens = burst at = now end "
          + "if now > at then "
          + "  tokens = math.min(burst, tokens + (now - at) * rate / 1000) at = now "
          + "end "
          + "local wait = 0 "
          + "if tokens >= 1 then tokens = tokens - 1 "
          + "else wait = math.ceil((1 - tokens) * 1000 / rate) end "
          + "redis.call('hset', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at)) "
          + "redis.call('pexpire', KEYS[1], math.ceil(burst * 1000 / rate) + 1000) "
          + "return wait";

  /**
   * KEYS: the pools; ARGV: slot, now (ms), expiry (ms), key TTL (ms), then each pool's limit.
   * Returns 1 when taken in every pool, 0 when one was full (then taken in none).
   */
  private static final String TAKE_SLOTS =
      "for i, pool in ipairs(KEYS) do "
          + "  redis.call('zremrangebyscore', pool, '-inf', ARGV[2]) "
          + "  if not redis.call('zscore', pool, ARGV[1]) "
          + "      and redis.call('zcard', pool) >= tonumber(ARGV[4 + i]) then return 0 end "
          + "end "
          + "for _, pool in ipairs(KEYS) do "
          + "  redis.call('zadd', pool, ARGV[3], ARGV[1]) "
          + "  redis.call('pexpire', pool, ARGV[4]) "
          + "end "
          + "return 1";

  /** KEYS: one pool per held (slot, pool); ARGV: expiry (ms), key TTL (ms), then each slot. */
  private static final String RENEW_SLOTS =
      "for i, pool in ipairs(KEYS) do "
          + "  if redis.call('zadd', pool, 'XX', 'CH', ARGV[1], ARGV[2 + i]) == 1 then "
          + "    redis.call('pexpire', pool, ARGV[2]) "
          + "  end "
          + "end "
          + "return 1";

  /** KEYS: the pools; ARGV[1]: the slot. */
  private static final String RELEASE_SLOTS =
      "for _, pool in ipairs(KEYS) do redis.call('zrem', pool, ARGV[1]) end return 1";

  /**
   * How long a pool key lives after its last take or renewal, on Redis's own clock: longer than any
   * slot lease ({@code admission.shared_slot_lease} is at most 10 minutes), so only an idle pool
   * disappears.
   */
  private static final String POOL_KEY_TTL_MILLIS =
      Long.toString(Duration.ofMinutes(20).toMillis());

  private final RedissonClient redis;
  private final boolean ownsClient;
  private final String prefix;

  private RedisSharedLimits(RedissonClient redis, boolean ownsClient, String keyPrefix) {
    this.redis = redis;
    this.ownsClient = ownsClient;
    this.prefix = keyPrefix + "limits:";
  }

  /** Limits over the host's client, which {@link #close()} leaves open. */
  public static RedisSharedLimits of(RedissonClient client, String keyPrefix) {
    return new RedisSharedLimits(
        Objects.requireNonNull(client, "client"),
        false,
        Objects.requireNonNull(keyPrefix, "keyPrefix"));
  }

  /** Limits with a client of their own for {@code address}, which {@link #close()} shuts down. */
  public static RedisSharedLimits create(
      String address, Duration timeout, String password, String keyPrefix) {
    return new RedisSharedLimits(
        RedisConnections.create(address, timeout, password),
        true,
        Objects.requireNonNull(keyPrefix, "keyPrefix"));
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public Duration takeToken(String bucket, int perSecond, int burst, Instant now) {
    Long waitMillis =
        script(
            TAKE_TOKEN,
            List.of(prefix + bucket),
            Long.toString(now.toEpochMilli()),
            Integer.toString(perSecond),
            Integer.toString(burst));
    return Duration.ofMillis(waitMillis);
  }

  @Override
  public SlotGrant takeSlots(
      String slot, Map<String, Integer> limits, Instant now, Instant expiresAt) {
    List<Object> keys = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    args.add(slot);
    args.add(Long.toString(now.toEpochMilli()));
    args.add(Long.toString(expiresAt.toEpochMilli()));
    args.add(POOL_KEY_TTL_MILLIS);
    limits.forEach(
        (pool, limit) -> {
          keys.add(prefix + pool);
          args.add(Integer.toString(limit));
        });
    Long taken = script(TAKE_SLOTS, keys, args.toArray());
    return taken == 1 ? SlotGrant.TAKEN : SlotGrant.FULL;
  }

  @Override
  public void renewSlots(Map<String, ? extends Collection<String>> slots, Instant expiresAt) {
    if (slots.isEmpty()) {
      return;
    }
    List<Object> keys = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    args.add(Long.toString(expiresAt.toEpochMilli()));
    args.add(POOL_KEY_TTL_MILLIS);
    slots.forEach(
        (slot, pools) ->
            pools.forEach(
                pool -> {
                  keys.add(prefix + pool);
                  args.add(slot);
                }));
    script(RENEW_SLOTS, keys, args.toArray());
  }

  @Override
  public void releaseSlots(String slot, Collection<String> pools) {
    List<Object> keys = new ArrayList<>();
    pools.forEach(pool -> keys.add(prefix + pool));
    script(RELEASE_SLOTS, keys, slot);
  }

  /** Shuts the Redisson client down, unless the host gave it ({@link #of}). */
  @Override
  public void close() {
    if (ownsClient) {
      redis.shutdown();
    }
  }

  private Long script(String lua, List<Object> keys, Object... args) {
    return call(
        () ->
            redis
                .getScript(StringCodec.INSTANCE)
                .eval(RScript.Mode.READ_WRITE, lua, RScript.ReturnType.INTEGER, keys, args));
  }

  private static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw new LimitsUnavailableException("Redis did not answer: " + e.getMessage(), e);
    }
  }
}
