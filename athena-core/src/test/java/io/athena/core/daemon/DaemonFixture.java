package io.athena.core.daemon;

import io.athena.core.jobs.InMemoryDaemonRegistry;
import io.athena.core.jobs.InMemoryJobStore;
import io.athena.core.jobs.Jobs;
import io.athena.core.jobs.TestClock;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobHandler;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-memory store, registry and meter registry on a test clock, and daemons on them with fast
 * real-time loops (polls, heartbeats and reaps every few milliseconds) while leases and retries
 * follow the test clock.
 */
final class DaemonFixture implements AutoCloseable {
  final TestClock clock = new TestClock();
  final InMemoryJobStore store = new InMemoryJobStore(clock);
  final Jobs jobs = new Jobs(store);
  final InMemoryDaemonRegistry registry = new InMemoryDaemonRegistry(clock);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<AthenaDaemon> daemons = new ArrayList<>();

  AthenaDaemon.Builder daemon(String id, JobHandler... handlers) {
    return AthenaDaemon.builder()
        .daemonId(id)
        .jobs(jobs)
        .registry(registry)
        .clock(clock)
        .meterRegistry(meters)
        .pollInterval(Duration.ofMillis(20))
        .heartbeatInterval(Duration.ofMillis(25))
        .reaperInterval(Duration.ofMillis(25))
        .drainTimeout(Duration.ofSeconds(5))
        .backoff(Backoff.defaults().withJitter(() -> 1.0))
        .handlers(handlers);
  }

  AthenaDaemon start(AthenaDaemon.Builder builder) {
    AthenaDaemon daemon = builder.build();
    daemons.add(daemon);
    return daemon.start();
  }

  Job submit(JobRequest request) {
    return jobs.submit(request);
  }

  Job job(Job job) {
    return jobs.get(job.id());
  }

  JobStatus status(Job job) {
    return job(job).status();
  }

  List<String> kinds(Job job) {
    return jobs.events(job.id()).stream().map(e -> e.kind()).toList();
  }

  double finished(String family, String outcome) {
    var counter =
        meters.find(DaemonMetrics.FINISHED).tag("family", family).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Override
  public void close() {
    daemons.forEach(AthenaDaemon::close);
  }
}
