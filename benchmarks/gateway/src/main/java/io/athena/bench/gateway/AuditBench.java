package io.athena.bench.gateway;

import com.zaxxer.hikari.HikariDataSource;
import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.Secret;
import io.athena.core.config.ServerConfig;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.postgres.PostgresBackend;
import io.athena.postgres.controlplane.PostgresControlPlane;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gateway throughput with the audit log on against off, in one run (performance.md target 6: less
 * than 10% lower). Both Athenas serve the same fetch by id from the same database through the
 * router (no HTTP, so the audit's share is not diluted by transport costs); the audited one records
 * every request in a PostgreSQL control plane on the same server. Rounds alternate off / on so that
 * drift on a shared machine hits both alike.
 *
 * <p>Arguments: {@code threads seconds rounds warm-seconds} (default 32, 8, 3, 10): every contender
 * first runs {@code warm-seconds} three times over, unmeasured.
 */
public final class AuditBench {
  private static final int ROWS = BenchData.ROWS;
  private static final int POOL = 16;
  private static final int WARM_PASSES = 3;

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    Duration measure = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 8);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Duration warmup = Duration.ofSeconds(3);
    Duration warmPass = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 10);
    try (EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.newInstance()) {
      String uri = pg.createDatabase("bench");
      pg.createDatabase("control");
      BenchData.seed(pg.jdbcUrl("bench"));
      try (HikariDataSource control = BenchData.pool(pg.jdbcUrl("control"), 4);
          QueueOnlySink queueOnly = new QueueOnlySink();
          Athena plain = athena(uri, null, null);
          Athena queued = athena(uri, null, queueOnly);
          Athena audited = athena(uri, PostgresControlPlane.builder(control).build(), null)) {
        List<LoadRun.Result> off = new ArrayList<>();
        List<LoadRun.Result> queue = new ArrayList<>();
        List<LoadRun.Result> on = new ArrayList<>();
        // Warm every contender first (JIT, pools, prepared statements, PostgreSQL's buffers):
        // unwarmed rounds grow 2-3x from one to the next and would swamp a 10% difference.
        // With 32 busy threads on 2 cores the JIT compiles slowly: throughput still grows for a
        // minute or more.
        for (int pass = 0; pass < WARM_PASSES; pass++) {
          LoadRun.run("warm", threads, warmPass, Duration.ZERO, byId(plain));
          LoadRun.run("warm", threads, warmPass, Duration.ZERO, byId(queued));
          LoadRun.run("warm", threads, warmPass, Duration.ZERO, byId(audited));
        }
        for (int round = 1; round <= rounds; round++) {
          // Odd rounds run off first, even rounds on first: drift on a shared machine then
          // favours neither.
          boolean offFirst = round % 2 == 1;
          Athena first = offFirst ? plain : audited;
          Athena last = offFirst ? audited : plain;
          LoadRun.Result a =
              LoadRun.run(label(offFirst, round), threads, warmup, measure, byId(first));
          queue.add(LoadRun.run("queue only #" + round, threads, warmup, measure, byId(queued)));
          LoadRun.Result b =
              LoadRun.run(label(!offFirst, round), threads, warmup, measure, byId(last));
          off.add(offFirst ? a : b);
          on.add(offFirst ? b : a);
        }
        System.out.printf(
            "%nqueue only / off (events built and queued, never written): %.3f%n",
            average(queue) / average(off));
        double dropped = audited.auditSink().dropped();
        audited.close(); // flushes what is queued before the rows are counted
        print(threads, off, on, dropped, loggedRows(control));
      }
    }
  }

  private static String label(boolean off, int round) {
    return (off ? "audit off #" : "audit on  #") + round;
  }

  private static LoadRun.Call byId(Athena athena) {
    return (thread, i) -> {
      byte[] body =
          ("{\"table_name\":\"items\",\"conditions\":[{\"column\":\"id\",\"operator\":\"eq\","
                  + "\"value\":"
                  + ThreadLocalRandom.current().nextInt(1, ROWS + 1)
                  + "}]}")
              .getBytes(StandardCharsets.UTF_8);
      HttpResponse response =
          athena
              .router()
              .handle(
                  HttpRequest.of(
                      "POST",
                      "/gateway/fetch",
                      new Headers().set("X-Athena-Client", "bench"),
                      body));
      response.writeBody(OutputStream.nullOutputStream());
      if (response.status() != 200) {
        throw new IllegalStateException("status " + response.status());
      }
    };
  }

  private static double average(List<LoadRun.Result> results) {
    return results.stream().mapToDouble(LoadRun.Result::perSecond).average().orElse(0);
  }

  /** An audit sink that only queues and discards: the audit's cost inside the gateway process. */
  private static final class QueueOnlySink implements io.athena.spi.telemetry.AuditSink {
    private final java.util.concurrent.ArrayBlockingQueue<Object> queue =
        new java.util.concurrent.ArrayBlockingQueue<>(20_000);

    QueueOnlySink() {
      Thread drain =
          new Thread(
              () -> {
                List<Object> batch = new ArrayList<>();
                while (true) { // as the real writer: nap and drain, never woken per offer
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    return;
                  }
                  queue.drainTo(batch, 500);
                  batch.clear();
                }
              },
              "queue-only-audit");
      drain.setDaemon(true);
      drain.start();
    }

    @Override
    public void record(io.athena.spi.telemetry.GatewayEvent event) {
      queue.offer(event);
    }
  }

  private static Athena athena(
      String uri, PostgresControlPlane controlPlane, io.athena.spi.telemetry.AuditSink sink) {
    PostgresClientConfig client =
        new PostgresClientConfig(
            "bench",
            Secret.of(uri),
            POOL,
            PostgresClientConfig.DEFAULT_CONNECTION_TIMEOUT,
            PostgresClientConfig.DEFAULT_STATEMENT_TIMEOUT);
    AthenaConfig config =
        new AthenaConfig(
            ServerConfig.defaults(), GatewayConfig.defaults(), Map.of("bench", client));
    Athena.Builder builder = Athena.builder().config(config).backend(PostgresBackend.from(config));
    if (controlPlane != null) {
      builder.controlPlane(controlPlane);
    }
    if (sink != null) {
      builder.auditSink(sink);
    }
    return builder.build();
  }



  private static long loggedRows(HikariDataSource control) throws Exception {
    try (Connection c = control.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM gateway_request_log")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void print(
      int threads,
      List<LoadRun.Result> off,
      List<LoadRun.Result> on,
      double dropped,
      long logged) {
    System.out.printf("%n%d threads, gateway pool %d, router only (no HTTP)%n", threads, POOL);
    System.out.printf("%-16s %12s %10s %10s%n", "run", "per second", "p50 µs", "p99 µs");
    long onCalls = 0;
    for (int i = 0; i < off.size(); i++) {
      for (LoadRun.Result r : List.of(off.get(i), on.get(i))) {
        System.out.printf(
            "%-16s %12.0f %10d %10d%n", r.name(), r.perSecond(), r.p50Micros(), r.p99Micros());
      }
    }
    for (LoadRun.Result r : on) {
      onCalls += r.calls();
    }
    double offRate = off.stream().mapToDouble(LoadRun.Result::perSecond).average().orElse(0);
    double onRate = on.stream().mapToDouble(LoadRun.Result::perSecond).average().orElse(0);
    double[] ratios = new double[off.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = on.get(i).perSecond() / off.get(i).perSecond();
    }
    System.out.printf(
        "audit on / off: %.3f over all rounds (%.1f%% %s); per round %s, median %.3f%n",
        onRate / offRate,
        Math.abs(1 - onRate / offRate) * 100,
        onRate < offRate ? "slower" : "faster",
        java.util.Arrays.toString(
            java.util.Arrays.stream(ratios).map(r -> Math.round(r * 1000) / 1000.0).toArray()),
        median(ratios));
    System.out.printf(
        "audit records: %d measured calls (plus warm-ups), %d rows logged, %.0f dropped%n",
        onCalls, logged, dropped);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private AuditBench() {}
}
