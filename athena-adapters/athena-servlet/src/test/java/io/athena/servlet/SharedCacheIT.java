package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.athena.core.config.CacheConfig;
import io.athena.redis.RedisCacheStore;
import io.athena.servlet.Http.Reply;
import io.athena.testkit.jobs.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
 * write through one is never followed by a stale read through the other, and a Redis outage is
 * invisible to callers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedCacheIT {
  private static final int REDIS_PORT = freePort();
  private static RedisServer redis = startRedis();
  private static final SettableClock CLOCK = new SettableClock();
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
                  """));

  @RegisterExtension
  @Order(2)
  static final AthenaStack nodeB = node(AthenaStack.builder().sharingDatabaseWith(nodeA));

  private static AthenaStack node(AthenaStack.Builder builder) {
    return builder
        .configure(
            c ->
                c.withCache(
                    CacheConfig.enabledDefaults()
                        .withTtl(Duration.ofMinutes(5))
                        .withSharedCircuit(1, Duration.ofSeconds(30))))
        .customize(
            b ->
                b.clock(CLOCK)
                    .sharedCache(
                        RedisCacheStore.builder()
                            .address("redis://127.0.0.1:" + REDIS_PORT)
                            .timeout(Duration.ofMillis(300))
                            .build()))
        .build();
  }

  @AfterAll
  static void stopRedis() throws IOException {
    redis.stop();
  }

  private static String outcome(Reply reply) {
    return reply.header("X-Athena-Cache-Outcome").orElse("(none)");
  }

  private static int read(AthenaStack node) {
    return node.http().fetch(READ).expect(200).data().path(0).path("n").asInt();
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
    redis = startRedis();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              CLOCK.advance(Duration.ofMinutes(1)); // past the circuit's retry delay
              for (AthenaStack node : new AthenaStack[] {nodeA, nodeB}) {
                node.http().fetch(READ).expect(200);
                assertThat(outcome(node.http().fetch(READ).expect(200))).isEqualTo("hit_local");
              }
            });
    // both nodes reach Redis again: cross-node invalidation holds once more
    write(nodeB, 501);
    assertThat(read(nodeA)).isEqualTo(501);
  }

  private static RedisServer startRedis() {
    try {
      RedisServer server = new RedisServer(REDIS_PORT);
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
