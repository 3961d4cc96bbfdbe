package io.athena.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts handler runs and lets the benchmark wait for a target without spinning hot. */
final class Completions {
  private final AtomicInteger count = new AtomicInteger();
  private volatile int target = Integer.MAX_VALUE;
  private final Object reached = new Object();

  void reset(int newTarget) {
    count.set(0);
    target = newTarget;
  }

  void one() {
    if (count.incrementAndGet() >= target) {
      synchronized (reached) {
        reached.notifyAll();
      }
    }
  }

  int count() {
    return count.get();
  }

  void await(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (reached) {
      while (count.get() < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "only " + count.get() + " of " + target + " jobs ran within " + timeout + " " + unit);
        }
        TimeUnit.NANOSECONDS.timedWait(reached, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      }
    }
  }
}
