package io.athena.core.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Runs nothing on its own: the test calls {@link HealthProber#probeRound()} itself, and probes run
 * inline unless {@link #hold()} parks them (a probe that never finishes).
 */
final class ManualExecutors implements ProbeExecutors {
  final List<Runnable> parked = new ArrayList<>();
  Duration scheduledEvery;
  boolean shutDown;
  private boolean hold;

  /** From now on probes are parked instead of run. */
  ManualExecutors hold() {
    hold = true;
    return this;
  }

  /** Runs the parked probes, and from now on runs probes inline again. */
  void release() {
    hold = false;
    List<Runnable> run = new ArrayList<>(parked);
    parked.clear();
    run.forEach(Runnable::run);
  }

  @Override
  public void schedule(Runnable round, Duration interval) {
    scheduledEvery = interval;
  }

  @Override
  public Executor probes() {
    return task -> {
      if (hold) {
        parked.add(task);
      } else {
        task.run();
      }
    };
  }

  @Override
  public void shutdown() {
    shutDown = true;
  }
}
