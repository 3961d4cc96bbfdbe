/**
 * The shared tier of Athena's read cache on Redis: {@link io.athena.redis.RedisCacheStore}.
 * Generations are Redis integers checked on every read, so a write on one node makes every node's
 * cached reads stale at once; a pub/sub message also frees the other nodes' local copies.
 */
package io.athena.redis;
