package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.athena.core.config.AdmissionConfig;
import io.athena.core.config.OverloadAction;
import io.athena.core.limits.GuardedLimits;
import io.athena.redis.RedisSharedTier;
import io.athena.servlet.Http.Reply;
import io.athena.testkit.jobs.SettableClock;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.embedded.RedisServer;

/**
 * Two Athena nodes sharing one embedded Redis for their limits: the rate limit (1/s, burst 3) and
 * the per-client concurrency limit (1) hold across both; with Redis down each node limits alone.
 * Both nodes share a settable clock, so buckets refill only when a test says so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedLimitsIT {
  private static final int REDIS_PORT = LocalPorts.freePort();
  private static final RedisServer REDIS = LocalPorts.startRedis(REDIS_PORT);
  private static final SettableClock CLOCK = new SettableClock();
  private static final long LOCK = 4747;
  private static final String READ = "{\"table_name\":\"items\"}";

  @RegisterExtension
  @Order(1)
  static final AthenaStack nodeA =
      node(
          AthenaStack.builder()
              .schema(
                  "CREATE TABLE items (id int PRIMARY KEY);" + " INSERT INTO items VALUES (1);"));

  @RegisterExtension
  @Order(2)
  static final AthenaStack nodeB = node(AthenaStack.builder().sharingDatabaseWith(nodeA));

  private static AthenaStack node(AthenaStack.Builder builder) {
    return builder
        .configure(
            c ->
                c.withSecurity(c.security().withRateLimit(1, 3).withRateLimitShared(true))
                    .withAdmission(
                        new AdmissionConfig(0, 1, OverloadAction.REJECT, Duration.ofHours(1))
                            .withShared(true)))
        .customize(
            b ->
                b.clock(CLOCK)
                    .sharedTier(
                        RedisSharedTier.builder()
                            .address("redis://127.0.0.1:" + REDIS_PORT)
                            .timeout(Duration.ofSeconds(1))
                            .build()))
        .build();
  }

  @AfterAll
  static void stopRedis() throws IOException {
    REDIS.stop();
  }

  /** A new second: every bucket is full again. */
  private static void refill() {
    CLOCK.advance(Duration.ofHours(1));
  }

  @Test
  @Order(1)
  void theRateLimitHoldsAcrossNodes() {
    refill();
    nodeA.http().fetch(READ).expect(200);
    nodeB.http().fetch(READ).expect(200);
    nodeA.http().fetch(READ).expect(200);
    Reply limited = nodeB.http().fetch(READ).error(429, "rate_limited");
    assertThat(limited.header("Retry-After")).hasValue("1");
    nodeA.http().fetch(READ).error(429, "rate_limited");
  }

  @Test
  @Order(2)
  void theConcurrencyLimitHoldsAcrossNodes() throws Exception {
    refill();
    String slow =
        "{\"query\":\"SELECT count(*) AS n FROM (SELECT pg_advisory_xact_lock(" + LOCK + ")) l\"}";
    try (Connection c = nodeA.database().getConnection();
        Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
      CompletableFuture<Reply> holder =
          CompletableFuture.supplyAsync(() -> nodeA.http().post("/gateway/query", slow));
      await().until(() -> nodeA.athena().admission().running(AthenaStack.CLIENT) == 1);

      Reply rejected = nodeB.http().fetch(READ).error(429, "overloaded");
      assertThat(rejected.json().path("error").asText()).contains("cluster-wide");

      s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
      holder.get().expect(200);
    }
    nodeB.http().fetch(READ).expect(200);
  }

  @Test
  @Order(3)
  void withRedisDownEachNodeLimitsAloneAndCallersNeverSeeAnError() throws IOException {
    REDIS.stop();
    refill();
    for (int i = 0; i < 3; i++) {
      nodeA.http().fetch(READ).expect(200);
    }
    nodeA.http().fetch(READ).error(429, "rate_limited");
    nodeB.http().fetch(READ).expect(200); // B's own bucket: the limit is per node now
    double fallbacks =
        nodeA
            .athena()
            .meterRegistry()
            .counter(GuardedLimits.FALLBACKS_METER, "limit", GuardedLimits.RATE_LIMIT)
            .count();
    assertThat(fallbacks).isEqualTo(4);
  }
}
