package io.athena.bench.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs one action on N threads for a fixed time and records every call's latency. */
final class LoadRun {

  /**
   * One call; throws on any failure, which aborts the run (a benchmark of errors is no benchmark).
   */
  @FunctionalInterface
  interface Call {
    void run(int thread, long iteration) throws Exception;
  }

  record Result(String name, long calls, double seconds, long p50Micros, long p99Micros) {
    double perSecond() {
      return calls / seconds;
    }
  }

  private LoadRun() {}

  static Result run(String name, int threads, Duration warmup, Duration measure, Call call)
      throws InterruptedException {
    drive(threads, warmup, call, new long[threads][]);
    long[][] latencies = new long[threads][];
    long started = System.nanoTime();
    drive(threads, measure, call, latencies);
    double seconds = (System.nanoTime() - started) / 1e9;
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(name, all.length, seconds, percentile(all, 0.50), percentile(all, 0.99));
  }

  private static void drive(int threads, Duration time, Call call, long[][] latencies)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(threads);
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker =
          new Thread(
              () -> {
                try {
                  latencies[thread] = loop(thread, call, stop);
                } catch (Throwable e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                  stop.set(true);
                } finally {
                  done.countDown();
                }
              },
              "bench-" + t);
      worker.start();
    }
    Thread.sleep(time.toMillis());
    stop.set(true);
    done.await();
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a call failed", failures.get(0));
    }
  }

  private static long[] loop(int thread, Call call, AtomicBoolean stop) throws Exception {
    long[] samples = new long[1 << 14];
    int n = 0;
    for (long i = 0; !stop.get(); i++) {
      long t0 = System.nanoTime();
      call.run(thread, i);
      if (n == samples.length) {
        samples = Arrays.copyOf(samples, n * 2);
      }
      samples[n++] = (System.nanoTime() - t0) / 1_000;
    }
    return Arrays.copyOf(samples, n);
  }

  private static long percentile(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)];
  }
}
