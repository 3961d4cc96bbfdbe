package io.athena.bench.gateway;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.core.Athena;
import io.athena.core.SharedTier;
import io.athena.core.auth.Principal;
import io.athena.core.cache.CacheKeys;
import io.athena.core.cache.ReadCache;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.CacheConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.ServerConfig;
import io.athena.postgres.PostgresBackend;
import io.athena.redis.RedisSharedTier;
import io.athena.servlet.AthenaServlet;
import io.athena.spi.Condition;
import io.athena.spi.FetchRequest;
import io.athena.spi.Operator;
import io.athena.spi.TableRef;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import redis.embedded.RedisServer;

/**
 * Gateway read throughput beside the physical limit, in one run on one machine
 * (shared/design/performance.md targets 1, 2 and 3): PostgreSQL answering the same prepared SELECT
 * over JDBC, the gateway answering the equivalent /gateway/fetch (through the router alone and over
 * HTTP), and the same fetches with the read cache on: local-tier hits, and hits that also read the
 * generation from a Redis shared tier (embedded Redis on loopback).
 *
 * <p>By-id rows read a hot set of {@value #HOT_IDS} ids, cached or not, so cached and uncached rows
 * ask the same questions; the warm-up fills the cache.
 *
 * <p>Arguments: {@code threads seconds warm-seconds} (default 32, 10 and 20).
 */
public final class GatewayBench {
  private static final int ROWS = BenchData.ROWS;
  private static final int POOL = 16;
  private static final int HOT_IDS = 1_000;
  private static final int HOT_RANGES = 100;
  private static final java.util.concurrent.atomic.LongAdder TRANSPORT_RETRIES =
      new java.util.concurrent.atomic.LongAdder();

  /** A measured row and the row it is compared with (itself for a baseline). */
  private record Row(LoadRun.Result result, String baseline) {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    Duration measure = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
    // Each run warms for this long first. With 32 busy threads on 2 cores the JIT needs 20 s or
    // more to settle; a short warm-up measures the gateway half-compiled.
    Duration warmup = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 20);
    List<Row> rows = new ArrayList<>();
    try (EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.newInstance()) {
      String uri = pg.createDatabase("bench");
      BenchData.seed(pg.jdbcUrl("bench"));
      try (HikariDataSource direct = BenchData.pool(pg.jdbcUrl("bench"), POOL)) {
        rows.add(row(LoadRun.run("jdbc by id", threads, warmup, measure, byIdJdbc(direct)), null));
        rows.add(
            row(LoadRun.run("jdbc 100 rows", threads, warmup, measure, rangeJdbc(direct)), null));
      }
      routerRows(uri, threads, warmup, measure, rows);
      httpRows(uri, threads, warmup, measure, rows);
    }
    print(threads, rows);
    cacheKeyCost();
  }

  private static Row row(LoadRun.Result result, String baseline) {
    return new Row(result, baseline == null ? result.name() : baseline);
  }

  /** The gateway without HTTP: uncached, local-tier hits, hits with a Redis shared tier. */
  private static void routerRows(
      String uri, int threads, Duration warmup, Duration measure, List<Row> rows)
      throws Exception {
    try (Athena athena = athena(uri, CacheConfig.defaults(), null)) {
      rows.add(
          row(
              LoadRun.run("router by id", threads, warmup, measure, byIdRouter(athena)),
              "jdbc by id"));
    }
    try (Athena athena = athena(uri, CACHED, null)) {
      rows.add(
          row(
              LoadRun.run("router by id, cached", threads, warmup, measure, byIdRouter(athena)),
              "router by id"));
      outcomes("router by id, cached", athena);
    }
    int redisPort = freePort();
    RedisServer redis = new RedisServer(redisPort);
    redis.start();
    try (Athena athena =
        athena(
            uri,
            CACHED,
            RedisSharedTier.builder()
                .address("redis://127.0.0.1:" + redisPort)
                .timeout(Duration.ofSeconds(2)) // the machine is shared: measure cost, not timeouts
                .build())) {
      rows.add(
          row(
              LoadRun.run(
                  "router by id, cached+redis", threads, warmup, measure, byIdRouter(athena)),
              "router by id"));
      outcomes("router by id, cached+redis", athena);
    } finally {
      redis.stop();
    }
  }

  /** Over HTTP through Jetty, uncached and cached side by side. */
  private static void httpRows(
      String uri, int threads, Duration warmup, Duration measure, List<Row> rows)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String[][] runs = {
      {"gateway by id", "gateway by id, cached"},
      {"gateway 100 rows", "gateway 100 rows, cached"}
    };
    List<LoadRun.Result> plain = new ArrayList<>();
    List<LoadRun.Result> cached = new ArrayList<>();
    for (CacheConfig cache : List.of(CacheConfig.defaults(), CACHED)) {
      List<LoadRun.Result> into = cache.enabled() ? cached : plain;
      int column = cache.enabled() ? 1 : 0;
      try (Athena athena = athena(uri, cache, null)) {
        Server jetty = jetty(athena);
        try {
          URI fetch = URI.create(jetty.getURI().toString().replaceAll("/$", "") + "/gateway/fetch");
          into.add(LoadRun.run(runs[0][column], threads, warmup, measure, byIdHttp(http, fetch)));
          into.add(LoadRun.run(runs[1][column], threads, warmup, measure, rangeHttp(http, fetch)));
          if (cache.enabled()) {
            outcomes("gateway, cached (both rows)", athena);
          }
        } finally {
          jetty.stop();
        }
      }
    }
    System.out.printf("HTTP calls retried after a lost keep-alive connection: %d%n", TRANSPORT_RETRIES.sum());
    rows.add(row(plain.get(0), "jdbc by id"));
    rows.add(row(cached.get(0), "gateway by id"));
    rows.add(row(plain.get(1), "jdbc 100 rows"));
    rows.add(row(cached.get(1), "gateway 100 rows"));
  }

  /** The cache on, entries living long enough to outlast a run. */
  private static final CacheConfig CACHED =
      CacheConfig.enabledDefaults().withTtl(Duration.ofMinutes(10));



  private static LoadRun.Call byIdJdbc(HikariDataSource ds) {
    return (thread, i) -> {
      try (Connection c = ds.getConnection();
          PreparedStatement ps = c.prepareStatement("SELECT * FROM items WHERE id = ?")) {
        ps.setInt(1, randomId());
        drain(ps);
      }
    };
  }

  private static LoadRun.Call rangeJdbc(HikariDataSource ds) {
    return (thread, i) -> {
      try (Connection c = ds.getConnection();
          PreparedStatement ps =
              c.prepareStatement("SELECT * FROM items WHERE id > ? ORDER BY id LIMIT 100")) {
        ps.setInt(1, randomId() % (ROWS - 100));
        drain(ps);
      }
    };
  }

  private static void drain(PreparedStatement ps) throws Exception {
    try (ResultSet rs = ps.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int c = 1; c <= columns; c++) {
          rs.getObject(c);
        }
      }
    }
  }

  /** The same fetch without HTTP: what the gateway itself costs. */
  private static LoadRun.Call byIdRouter(Athena athena) {
    return (thread, i) -> {
      byte[] body =
          ("{\"table_name\":\"items\",\"conditions\":[{\"column\":\"id\",\"operator\":\"eq\","
                  + "\"value\":"
                  + hotId()
                  + "}]}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      io.athena.core.http.HttpResponse response =
          athena
              .router()
              .handle(
                  io.athena.core.http.HttpRequest.of(
                      "POST",
                      "/gateway/fetch",
                      new io.athena.core.http.Headers().set("X-Athena-Client", "bench"),
                      body));
      response.writeBody(java.io.OutputStream.nullOutputStream());
      if (response.status() != 200) {
        throw new IllegalStateException("status " + response.status());
      }
    };
  }

  private static LoadRun.Call byIdHttp(HttpClient http, URI fetch) {
    return (thread, i) ->
        post(
            http,
            fetch,
            "{\"table_name\":\"items\",\"conditions\":[{\"column\":\"id\",\"operator\":\"eq\","
                + "\"value\":"
                + hotId()
                + "}]}");
  }

  private static LoadRun.Call rangeHttp(HttpClient http, URI fetch) {
    return (thread, i) ->
        post(
            http,
            fetch,
            "{\"table_name\":\"items\",\"conditions\":[{\"column\":\"id\",\"operator\":\"gt\","
                + "\"value\":"
                + hotRangeStart()
                + "}],\"sort_by\":{\"field\":\"id\",\"direction\":\"asc\"},\"limit\":100}");
  }

  private static void post(HttpClient http, URI uri, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("X-Athena-Client", "bench")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.io.IOException pooledConnectionLost) {
      // The JDK client now and then reuses a keep-alive connection that is already closing
      // ("header parser received no bytes"): one retry, counted and printed, rather than losing
      // the whole run to it. A second failure still fails the run.
      TRANSPORT_RETRIES.increment();
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "status " + response.statusCode() + ": " + new String(response.body()));
    }
  }

  private static int randomId() {
    return ThreadLocalRandom.current().nextInt(1, ROWS + 1);
  }

  /** One of the hot ids the by-id gateway rows read, cached or not. */
  private static int hotId() {
    return ThreadLocalRandom.current().nextInt(1, HOT_IDS + 1);
  }

  /** One of the hot range starts the 100-row gateway rows read, cached or not. */
  private static int hotRangeStart() {
    return ThreadLocalRandom.current().nextInt(HOT_RANGES) * (ROWS / HOT_RANGES - 1);
  }

  /**
   * @param sharedTier the read cache's shared tier, or null for none
   */
  private static Athena athena(String uri, CacheConfig cache, SharedTier sharedTier) {
    PostgresClientConfig client =
        new PostgresClientConfig(
            "bench",
            io.athena.core.config.Secret.of(uri),
            POOL,
            PostgresClientConfig.DEFAULT_CONNECTION_TIMEOUT,
            PostgresClientConfig.DEFAULT_STATEMENT_TIMEOUT);
    AthenaConfig config =
        new AthenaConfig(ServerConfig.defaults(), GatewayConfig.defaults(), Map.of("bench", client))
            .withCache(cache);
    Athena.Builder builder = Athena.builder().config(config).backend(PostgresBackend.from(config));
    if (sharedTier != null) {
      builder.sharedTier(sharedTier);
    }
    return builder.build();
  }

  private static Server jetty(Athena athena) throws Exception {
    Server server = new Server(new QueuedThreadPool(64, 8));
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new AthenaServlet(athena.router())), "/*");
    server.setHandler(context);
    server.start();
    return server;
  }

  private static void print(int threads, List<Row> rows) {
    System.out.printf(
        "%n%d threads, pool %d, heap max %d MB%n",
        threads, POOL, Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(
        "%-28s %12s %10s %10s %8s  %s%n", "run", "per second", "p50 µs", "p99 µs", "ratio", "to");
    Map<String, Double> rates = new java.util.HashMap<>();
    rows.forEach(r -> rates.put(r.result().name(), r.result().perSecond()));
    for (Row row : rows) {
      LoadRun.Result r = row.result();
      System.out.printf(
          "%-28s %12.0f %10d %10d %7.2f×  %s%n",
          r.name(),
          r.perSecond(),
          r.p50Micros(),
          r.p99Micros(),
          r.perSecond() / rates.get(row.baseline()),
          row.baseline());
    }
    System.out.println("cache outcomes:");
    OUTCOMES.forEach(System.out::println);
    System.gc();
    System.out.printf(
        "heap used after GC: %d MB%n",
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
  }

  private static final List<String> OUTCOMES = new ArrayList<>();

  /** How the cache answered a run's fetches (warm-up included): a cached row must be hits. */
  private static void outcomes(String run, Athena athena) {
    StringBuilder line = new StringBuilder(String.format("%-28s", run));
    for (String outcome : List.of("hit_local", "hit_shared", "miss", "bypass")) {
      double n =
          athena.meterRegistry().counter(ReadCache.REQUESTS_METER, "outcome", outcome).count();
      line.append(String.format(" %s %.0f", outcome, n));
    }
    OUTCOMES.add(line.toString());
  }

  /** What one fetch's cache key costs (computed on every fetch, cache on or off). */
  private static void cacheKeyCost() {
    FetchRequest request =
        new FetchRequest(
            new TableRef("public", "items"),
            List.of(),
            List.of(new Condition.Comparison("id", Operator.EQ, 42)),
            List.of(),
            10_000L,
            null,
            null);
    double best = Double.MAX_VALUE;
    long sink = 0;
    for (int round = 0; round < 20; round++) {
      int n = 100_000;
      long started = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink += CacheKeys.key("bench", Principal.anonymous(), request, f -> f.bool(false)).length();
      }
      best = Math.min(best, (System.nanoTime() - started) / 1e3 / n);
    }
    System.out.printf("cache key: %.2f µs per fetch (best of 20 rounds, one thread; %d)%n", best, sink % 7);
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private GatewayBench() {}
}
