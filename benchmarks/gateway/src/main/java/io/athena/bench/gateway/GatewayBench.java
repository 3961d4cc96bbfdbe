package io.athena.bench.gateway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.ServerConfig;
import io.athena.postgres.PostgresBackend;
import io.athena.servlet.AthenaServlet;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
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

/**
 * Gateway read throughput beside the physical limit, in one run on one machine
 * (shared/design/performance.md targets 1 and 2): PostgreSQL answering the same prepared SELECT
 * over JDBC, then the gateway answering the equivalent /gateway/fetch over HTTP.
 *
 * <p>Arguments: {@code threads seconds} (default 32 and 10).
 */
public final class GatewayBench {
  private static final int ROWS = 10_000;
  private static final int POOL = 16;

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    Duration measure = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
    Duration warmup = Duration.ofSeconds(3);
    try (EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.newInstance()) {
      String uri = pg.createDatabase("bench");
      seed(pg.jdbcUrl("bench"));
      List<LoadRun.Result> results = new ArrayList<>();
      try (HikariDataSource direct = pool(pg.jdbcUrl("bench"))) {
        results.add(LoadRun.run("jdbc by id", threads, warmup, measure, byIdJdbc(direct)));
        results.add(LoadRun.run("jdbc 100 rows", threads, warmup, measure, rangeJdbc(direct)));
      }
      try (Athena athena = athena(uri)) {
        results.add(
            LoadRun.run("router by id", threads, warmup, measure, byIdRouter(athena)));
        Server jetty = jetty(athena);
        try {
          URI fetch = URI.create(jetty.getURI().toString().replaceAll("/$", "") + "/gateway/fetch");
          HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
          results.add(
              LoadRun.run("gateway by id", threads, warmup, measure, byIdHttp(http, fetch)));
          results.add(
              LoadRun.run("gateway 100 rows", threads, warmup, measure, rangeHttp(http, fetch)));
        } finally {
          jetty.stop();
        }
      }
      print(threads, results);
    }
  }

  private static void seed(String jdbcUrl) throws Exception {
    try (HikariDataSource ds = pool(jdbcUrl);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2),"
              + " created_at timestamptz NOT NULL, tags text[])");
      s.execute(
          "INSERT INTO items SELECT g, 'item ' || g, g * 1.25, now() - g * interval '1 minute',"
              + " ARRAY['a','b'] FROM generate_series(1, "
              + ROWS
              + ") g");
      s.execute("ANALYZE items");
    }
  }

  private static HikariDataSource pool(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername("postgres");
    config.setMaximumPoolSize(POOL);
    return new HikariDataSource(config);
  }

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
                  + randomId()
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
                + randomId()
                + "}]}");
  }

  private static LoadRun.Call rangeHttp(HttpClient http, URI fetch) {
    return (thread, i) ->
        post(
            http,
            fetch,
            "{\"table_name\":\"items\",\"conditions\":[{\"column\":\"id\",\"operator\":\"gt\","
                + "\"value\":"
                + randomId() % (ROWS - 100)
                + "}],\"sort_by\":{\"field\":\"id\",\"direction\":\"asc\"},\"limit\":100}");
  }

  private static void post(HttpClient http, URI uri, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("X-Athena-Client", "bench")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "status " + response.statusCode() + ": " + new String(response.body()));
    }
  }

  private static int randomId() {
    return ThreadLocalRandom.current().nextInt(1, ROWS + 1);
  }

  private static Athena athena(String uri) {
    PostgresClientConfig client =
        new PostgresClientConfig(
            "bench",
            io.athena.core.config.Secret.of(uri),
            POOL,
            PostgresClientConfig.DEFAULT_CONNECTION_TIMEOUT,
            PostgresClientConfig.DEFAULT_STATEMENT_TIMEOUT);
    AthenaConfig config =
        new AthenaConfig(
            ServerConfig.defaults(), GatewayConfig.defaults(), Map.of("bench", client));
    return Athena.builder().config(config).backend(PostgresBackend.from(config)).build();
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

  private static void print(int threads, List<LoadRun.Result> results) {
    System.out.printf(
        "%n%d threads, pool %d, heap max %d MB%n",
        threads, POOL, Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(
        "%-18s %12s %10s %10s %8s%n", "run", "per second", "p50 µs", "p99 µs", "ratio");
    for (int i = 0; i < results.size(); i++) {
      LoadRun.Result r = results.get(i);
      // gateway rows are compared with the direct run of the same shape (2 runs earlier)
      String ratio =
          i >= 2 ? String.format("%.2f×", r.perSecond() / results.get(i - 2).perSecond()) : "1.00×";
      System.out.printf(
          "%-18s %12.0f %10d %10d %8s%n",
          r.name(), r.perSecond(), r.p50Micros(), r.p99Micros(), ratio);
    }
    System.gc();
    System.out.printf(
        "heap used after GC: %d MB%n",
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
  }

  private GatewayBench() {}
}
