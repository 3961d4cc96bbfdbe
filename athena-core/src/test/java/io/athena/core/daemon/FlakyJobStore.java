package io.athena.core.daemon;

import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobEvent;
import io.athena.spi.jobs.JobFilter;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobPage;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import io.athena.spi.jobs.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store whose first claims and heartbeats fail, as during a database outage; it also records the
 * size of every claim and every batch completion.
 */
final class FlakyJobStore implements JobStore {
  private final JobStore delegate;
  final AtomicInteger failingClaims = new AtomicInteger();
  final AtomicInteger failingHeartbeats = new AtomicInteger();

  /** Per claim: the most jobs asked for, and how many came back. */
  final List<int[]> claims = new CopyOnWriteArrayList<>();

  /** Per {@code completeAll}: how many results it carried. */
  final List<Integer> completeAllSizes = new CopyOnWriteArrayList<>();

  FlakyJobStore(JobStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<Job> claim(String daemonId, Set<String> families, int max, Duration lease) {
    if (failingClaims.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("database unavailable");
    }
    List<Job> claimed = delegate.claim(daemonId, families, max, lease);
    claims.add(new int[] {max, claimed.size()});
    return claimed;
  }

  @Override
  public Set<JobId> completeAll(String daemonId, Map<JobId, String> results) {
    completeAllSizes.add(results.size());
    return delegate.completeAll(daemonId, results);
  }

  @Override
  public boolean release(JobId id, String daemonId) {
    return delegate.release(id, daemonId);
  }

  @Override
  public boolean heartbeat(JobId id, String daemonId, Duration lease) {
    if (failingHeartbeats.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("database unavailable");
    }
    return delegate.heartbeat(id, daemonId, lease);
  }

  @Override
  public Job submit(JobRequest request) {
    return delegate.submit(request);
  }

  @Override
  public Optional<Job> get(JobId id) {
    return delegate.get(id);
  }

  @Override
  public JobPage list(JobFilter filter) {
    return delegate.list(filter);
  }

  @Override
  public boolean complete(JobId id, String daemonId, String result) {
    return delegate.complete(id, daemonId, result);
  }

  @Override
  public boolean fail(JobId id, String daemonId, String error, Instant retryAt) {
    return delegate.fail(id, daemonId, error, retryAt);
  }

  @Override
  public boolean cancel(JobId id) {
    return delegate.cancel(id);
  }

  @Override
  public Optional<Job> retry(JobId id) {
    return delegate.retry(id);
  }

  @Override
  public int reapExpiredLeases() {
    return delegate.reapExpiredLeases();
  }

  @Override
  public void appendEvent(
      JobId id, String daemonId, String level, String kind, String message, String details) {
    delegate.appendEvent(id, daemonId, level, kind, message, details);
  }

  @Override
  public List<JobEvent> events(JobId id) {
    return delegate.events(id);
  }

  @Override
  public Map<String, Map<JobStatus, Long>> depth() {
    return delegate.depth();
  }
}
