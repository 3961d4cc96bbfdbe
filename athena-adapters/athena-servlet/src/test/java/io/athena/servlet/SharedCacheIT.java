package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.athena.core.config.CacheConfig;
import io.athena.redis.RedisCacheStore;
import io.athena.servlet.Http.Reply;
import io.athena.testkit.jobs.SettableClock;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.embedded.RedisServer;

/**
 * Two Athena nodes (two servlet contexts) on one PostgreSQL database and one embedded Redis: a
 * write through one is never followed by a stale read through the other, not even when the writer
 * has lost its link to Redis (once its lease lapsed), and a Redis outage is invisible to callers.
 *
 * <p>Node A reaches Redis through a {@link CuttableLink}, so its link can fail while Redis and node
 * B's link stay up. Both nodes share a settable clock: leases lapse only when a test advances it
 * (heartbeats run in real time, stamping leases with the shared clock).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedCacheIT {
  private static final int REDIS_PORT = LocalPorts.freePort();
  private static RedisServer redis = LocalPorts.startRedis(REDIS_PORT);
  private static final CuttableLink LINK_A = new CuttableLink(REDIS_PORT);
  private static final SettableClock CLOCK = new SettableClock();
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Duration LEASE = CacheConfig.DEFAULT_SHARED_LEASE;

  /** Circuits probe on the next call (their timing is ReadCacheTest's business, not this one's). */
  private static final Duration RETRY_AFTER = Duration.ZERO;

  private static final String READ =
      "{\"table_name\":\"counters\",\"conditions\":[{\"eq_column\":\"id\",\"eq_value\":1}]}";

  @RegisterExtension
  @Order(1)
  static final AthenaStack nodeA =
      node(
          AthenaStack.builder()
              .schema(
                  """
                  CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL);
                  INSERT INTO counters VALUES (1, 0);
                  """),
          LINK_A.port());

  @RegisterExtension
  @Order(2)
  static final AthenaStack nodeB =
      node(AthenaStack.builder().sharingDatabaseWith(nodeA), REDIS_PORT);

  private static AthenaStack node(AthenaStack.Builder builder, int redisPort) {
    return builder
        .configure(
            c ->
                c.withCache(
                    CacheConfig.enabledDefaults()
                        .withTtl(TTL)
                        .withSharedCircuit(1, RETRY_AFTER)
                        .withSharedLease(LEASE, Duration.ZERO)))
        .customize(
            b ->
                b.clock(CLOCK)
                    .sharedCache(
                        RedisCacheStore.builder()
                            .address("redis://127.0.0.1:" + redisPort)
                            .timeout(Duration.ofSeconds(1))
                            .build()))
        .build();
  }

  @AfterAll
  static void stopRedis() throws IOException {
    LINK_A.close();
    redis.stop();
  }

  private static String outcome(Reply reply) {
    return reply.header("X-Athena-Cache-Outcome").orElse("(none)");
  }

  private static int n(Reply reply) {
    return reply.data().path(0).path("n").asInt();
  }

  private static int read(AthenaStack node) {
    return n(node.http().fetch(READ).expect(200));
  }

  private static void write(AthenaStack node, int n) {
    node.http()
        .post(
            "/gateway/update",
            "{\"table_name\":\"counters\",\"conditions\":[{\"eq_column\":\"id\",\"eq_value\":1}],"
                + "\"update_body\":{\"n\":"
                + n
                + "}}")
        .expect(200);
  }

  /** Reads through {@code node} until the cache serves it from memory again, with {@code n}. */
  private static void awaitLocalHit(AthenaStack node, int n) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              node.http().fetch(READ).expect(200);
              Reply reply = node.http().fetch(READ).expect(200);
              assertThat(outcome(reply)).isEqualTo("hit_local");
              assertThat(n(reply)).isEqualTo(n);
            });
  }

  @Test
  @Order(1)
  void anEntryStoredByOneNodeIsAHitOnTheOther() {
    write(nodeA, 100);
    Reply miss = nodeA.http().fetch(READ).expect(200);
    Reply shared = nodeB.http().fetch(READ).expect(200);
    assertThat(outcome(miss)).isEqualTo("miss");
    assertThat(outcome(shared)).isEqualTo("hit_shared");
    assertThat(shared.body()).isEqualTo(miss.body());
    assertThat(outcome(nodeB.http().fetch(READ).expect(200))).isEqualTo("hit_local");
  }

  @Test
  @Order(2)
  void aWriteThroughOneNodeIsNeverFollowedByAStaleReadThroughTheOther() {
    for (int i = 1; i <= 25; i++) {
      AthenaStack writer = i % 2 == 0 ? nodeA : nodeB;
      AthenaStack reader = i % 2 == 0 ? nodeB : nodeA;
      read(reader); // warm the reader's cache with the old value
      read(writer);
      write(writer, i);
      assertThat(read(reader)).as("read after write %d", i).isEqualTo(i);
      assertThat(read(writer)).isEqualTo(i);
    }
  }

  @Test
  @Order(3)
  void aWriteByANodeCutOffFromRedisIsNeverServedStaleOnceItsLeaseLapsed() {
    awaitLocalHit(nodeB, 25); // B holds the old value in memory
    LINK_A.cut();
    write(nodeA, 700); // answered: A owes the advance it could not make
    // until A's lease lapses (at most one lease after its last renewal) B may still serve 25
    CLOCK.advance(LEASE);
    for (int i = 0; i < 3; i++) {
      Reply reply = nodeB.http().fetch(READ).expect(200);
      assertThat(n(reply)).as("B read %d after A's lease lapsed", i).isEqualTo(700);
      assertThat(outcome(reply)).isEqualTo("bypass");
    }
    LINK_A.restore();
    // A replays its advance before it renews; then B trusts the cache again, with the new value
    awaitLocalHit(nodeB, 700);
    awaitLocalHit(nodeA, 700);
    write(nodeB, 701);
    assertThat(read(nodeA)).isEqualTo(701);
  }

  @Test
  @Order(4)
  void aRedisOutageIsInvisibleToCallersAndTheCacheRecovers() throws IOException {
    read(nodeA);
    redis.stop();
    for (int i = 0; i < 3; i++) {
      Reply reply = nodeA.http().fetch(READ).expect(200);
      assertThat(outcome(reply)).isIn("miss", "bypass");
      assertThat(outcome(nodeB.http().fetch(READ).expect(200))).isIn("miss", "bypass");
    }
    write(nodeA, 500);
    assertThat(read(nodeB)).as("fresh from the database while Redis is down").isEqualTo(500);
    redis = LocalPorts.startRedis(REDIS_PORT);
    awaitLocalHit(nodeA, 500);
    awaitLocalHit(nodeB, 500);
    write(nodeB, 501);
    assertThat(read(nodeA)).isEqualTo(501);
  }

  @Test
  @Order(5)
  void aNodeCutOffForGoodIsForgottenOnceTheGracePassed() {
    awaitLocalHit(nodeB, 501);
    LINK_A.cut(); // and it never comes back (a crashed process looks the same)
    write(nodeA, 900);
    CLOCK.advance(LEASE);
    assertThat(read(nodeB)).isEqualTo(900);
    assertThat(outcome(nodeB.http().fetch(READ).expect(200))).isEqualTo("bypass");
    CLOCK.advance(TTL.plusMillis(1)); // the grace: every entry built before the lapse has expired
    awaitLocalHit(nodeB, 900);
  }
}
