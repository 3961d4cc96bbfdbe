/**
 * Athena on Redis, through Redisson: {@link io.athena.redis.RedisCacheStore}, the read cache's
 * shared tier (generations checked on every read, node leases, pub/sub eviction), and {@link
 * io.athena.redis.RedisSharedLimits}, rate and admission limits counted across nodes; {@link
 * io.athena.redis.RedisSharedTier} puts both over one client, and {@link
 * io.athena.redis.RedisSharedTierProvider} lets {@code Athena.fromConfig} find it.
 */
package io.athena.redis;
