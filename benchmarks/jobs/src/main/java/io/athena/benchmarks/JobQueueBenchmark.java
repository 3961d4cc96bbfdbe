package io.athena.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Job queue throughput, side by side in one run on one embedded PostgreSQL 15: no-op jobs submitted
 * and completed end to end, Athena's PostgreSQL store against db-scheduler with lock-and-fetch.
 * Each contender runs a warm-up round, then {@code --rounds} measured rounds, interleaved so that
 * drift in the machine's load hits every contender alike.
 *
 * <p>Options: {@code --jobs N} (20000), {@code --workers N} (8), {@code --rounds N} (3), {@code
 * --warmup N} (20000), {@code --poll-ms N} (100), {@code --pool N} (16 connections per contender).
 */
public final class JobQueueBenchmark {
  private JobQueueBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, Integer> opts = options(args);
    int jobs = opts.get("jobs");
    int workers = opts.get("workers");
    Duration poll = Duration.ofMillis(opts.get("poll-ms"));
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      Sql.execute(pg.getPostgresDatabase(), "CREATE DATABASE bench");
      printHeader(pg, jobs, workers, opts);
      List<HikariDataSource> pools = new ArrayList<>();
      List<Contender> contenders = new ArrayList<>();
      try {
        contenders.add(new AthenaDaemonContender(pool(pg, opts, pools), workers, poll));
        contenders.add(new AthenaLoopContender(pool(pg, opts, pools), workers, poll));
        contenders.add(new DbSchedulerContender(pool(pg, opts, pools), workers, poll));
        Map<String, List<Double>> rates = measure(contenders, jobs, opts);
        printTable(rates, contenders.get(contenders.size() - 1).name());
      } finally {
        for (Contender c : contenders) {
          c.close();
        }
        pools.forEach(HikariDataSource::close);
      }
    }
  }

  private static Map<String, List<Double>> measure(
      List<Contender> contenders, int jobs, Map<String, Integer> opts) throws Exception {
    for (Contender c : contenders) {
      c.reset();
      long nanos = c.run(opts.get("warmup"));
      System.out.printf(
          Locale.ROOT, "warm-up  %-42s %8.0f jobs/s%n", c.name(), rate(opts.get("warmup"), nanos));
    }
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (int round = 1; round <= opts.get("rounds"); round++) {
      for (Contender c : contenders) {
        c.reset();
        double rate = rate(jobs, c.run(jobs));
        rates.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(rate);
        System.out.printf(Locale.ROOT, "round %d  %-42s %8.0f jobs/s%n", round, c.name(), rate);
      }
    }
    return rates;
  }

  private static double rate(int jobs, long nanos) {
    return jobs / (nanos / 1e9);
  }

  private static HikariDataSource pool(
      EmbeddedPostgres pg, Map<String, Integer> opts, List<HikariDataSource> pools) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(pg.getJdbcUrl("postgres", "bench"));
    config.setMaximumPoolSize(opts.get("pool"));
    config.setPoolName("bench-" + pools.size());
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return pool;
  }

  private static void printHeader(
      EmbeddedPostgres pg, int jobs, int workers, Map<String, Integer> opts) throws Exception {
    var ds = pg.getDatabase("postgres", "bench");
    System.out.println("# Job queue benchmark");
    System.out.printf(
        Locale.ROOT,
        "date %s, commit %s, %d cores, Java %s%n",
        LocalDate.now(),
        System.getProperty("bench.commit", "unknown"),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.printf(
        Locale.ROOT,
        "PostgreSQL %s (embedded, zonky defaults: synchronous_commit=%s, fsync=%s)%n",
        Sql.text(ds, "SHOW server_version"),
        Sql.text(ds, "SHOW synchronous_commit"),
        Sql.text(ds, "SHOW fsync"));
    System.out.printf(
        Locale.ROOT,
        "%d no-op jobs per round, %d workers, poll interval %d ms, %d connections per contender,"
            + " %d measured rounds%n%n",
        jobs,
        workers,
        opts.get("poll-ms"),
        opts.get("pool"),
        opts.get("rounds"));
  }

  private static void printTable(Map<String, List<Double>> rates, String baseline) {
    double base = median(rates.get(baseline));
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "| %-42s | %14s | %12s | %17s |%n",
        "contender",
        "median jobs/s",
        "best jobs/s",
        "vs db-scheduler");
    System.out.printf(
        Locale.ROOT,
        "|%s|%s|%s|%s|%n",
        "-".repeat(44),
        "-".repeat(16),
        "-".repeat(14),
        "-".repeat(19));
    rates.forEach(
        (name, list) ->
            System.out.printf(
                Locale.ROOT,
                "| %-42s | %14.0f | %12.0f | %16.2fx |%n",
                name,
                median(list),
                list.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                median(list) / base));
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static Map<String, Integer> options(String[] args) {
    Map<String, Integer> opts = new LinkedHashMap<>();
    opts.put("jobs", 20_000);
    opts.put("workers", 8);
    opts.put("rounds", 3);
    opts.put("warmup", 20_000);
    opts.put("poll-ms", 100);
    opts.put("pool", 16);
    for (int i = 0; i < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (!opts.containsKey(key) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "unknown option or missing value: " + args[i] + "; known: " + opts.keySet());
      }
      opts.put(key, Integer.parseInt(args[i + 1]));
    }
    System.err.println("options " + opts + " (args " + Arrays.toString(args) + ")");
    return opts;
  }
}
