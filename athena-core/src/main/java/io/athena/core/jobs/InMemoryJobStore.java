package io.athena.core.jobs;

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
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The embedded job store: everything in this JVM's memory, guarded by one lock (claims are rare and
 * short next to the work they hand out, so one lock is simpler than clever and fast enough).
 * Nothing survives a restart; use the PostgreSQL store when jobs must outlive the process or be
 * shared between processes.
 *
 * <p>A job is held by a daemon while it is running and its lease owner is that daemon; an expired
 * but not yet reaped lease is still held. Ended jobs are kept for {@link
 * #DEFAULT_FINISHED_RETENTION} (or the retention given) after their last change and then pruned by
 * {@link #reapExpiredLeases()}, so a long-lived process does not grow without bound.
 */
public final class InMemoryJobStore implements JobStore {
  public static final Duration DEFAULT_FINISHED_RETENTION = Duration.ofHours(24);

  /** Claim order: priority desc, run-at asc, created asc, then submission order. */
  private static final Comparator<Entry> CLAIM_ORDER =
      Comparator.comparing((Entry e) -> e.job.priority(), Comparator.reverseOrder())
          .thenComparing(e -> e.job.runAt())
          .thenComparing(e -> e.job.createdAt())
          .thenComparingLong(e -> e.seq);

  private final InstantSource clock;
  private final Duration finishedRetention;
  private final Object lock = new Object();
  private final Map<JobId, Entry> jobs = new HashMap<>();
  private final NavigableMap<Long, Entry> bySeq = new TreeMap<>();
  private final Set<Entry> queued = new LinkedHashSet<>();
  private final Map<String, JobId> byKey = new HashMap<>();
  private final Map<JobId, List<JobEvent>> events = new HashMap<>();
  private long nextSeq;
  private long nextEventId;

  /** One stored job; {@code seq} orders submissions even when the clock stands still. */
  private static final class Entry {
    final long seq;
    Job job;

    Entry(long seq, Job job) {
      this.seq = seq;
      this.job = job;
    }
  }

  /** A store on the system clock. */
  public InMemoryJobStore() {
    this(InstantSource.system());
  }

  public InMemoryJobStore(InstantSource clock) {
    this(clock, DEFAULT_FINISHED_RETENTION);
  }

  /**
   * @param finishedRetention how long ended jobs stay visible after their last change
   */
  public InMemoryJobStore(InstantSource clock, Duration finishedRetention) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.finishedRetention = Objects.requireNonNull(finishedRetention, "finishedRetention");
    if (finishedRetention.isNegative()) {
      throw new IllegalArgumentException(
          "finishedRetention was " + finishedRetention + " but must not be negative");
    }
  }

  @Override
  public Job submit(JobRequest request) {
    Objects.requireNonNull(request, "request");
    synchronized (lock) {
      if (request.idempotencyKey() != null && byKey.containsKey(request.idempotencyKey())) {
        return jobs.get(byKey.get(request.idempotencyKey())).job;
      }
      Job job = JobTransitions.submitted(request, clock.instant());
      Entry entry = new Entry(nextSeq++, job);
      jobs.put(job.id(), entry);
      bySeq.put(entry.seq, entry);
      queued.add(entry);
      if (job.idempotencyKey() != null) {
        byKey.put(job.idempotencyKey(), job.id());
      }
      append(job.id(), null, "info", "submitted", "job submitted", null);
      return job;
    }
  }

  @Override
  public Optional<Job> get(JobId id) {
    synchronized (lock) {
      Entry entry = jobs.get(id);
      return entry == null ? Optional.empty() : Optional.of(entry.job);
    }
  }

  @Override
  public JobPage list(JobFilter filter) {
    Objects.requireNonNull(filter, "filter");
    long before = filter.cursor() == null ? Long.MAX_VALUE : JobCursor.decode(filter.cursor());
    synchronized (lock) {
      List<Job> page = new ArrayList<>();
      Entry last = null;
      for (Entry entry : bySeq.headMap(before, false).descendingMap().values()) {
        if (!matches(entry.job, filter)) {
          continue;
        }
        if (page.size() == filter.limit()) {
          return new JobPage(page, JobCursor.encode(last.seq));
        }
        page.add(entry.job);
        last = entry;
      }
      return new JobPage(page, null);
    }
  }

  private static boolean matches(Job job, JobFilter filter) {
    return (filter.family() == null || filter.family().equals(job.family()))
        && (filter.status() == null || filter.status() == job.status());
  }

  @Override
  public List<Job> claim(String daemonId, Set<String> families, int max, Duration lease) {
    requireDaemon(daemonId);
    Objects.requireNonNull(families, "families");
    requireLease(lease);
    if (max < 1) {
      throw new IllegalArgumentException("max was " + max + " but must be >= 1");
    }
    synchronized (lock) {
      Instant now = clock.instant();
      List<Entry> due =
          queued.stream()
              .filter(e -> families.contains(e.job.family()) && !e.job.runAt().isAfter(now))
              .sorted(CLAIM_ORDER)
              .limit(max)
              .toList();
      List<Job> claimed = new ArrayList<>(due.size());
      for (Entry entry : due) {
        queued.remove(entry);
        entry.job = JobTransitions.running(entry.job, daemonId, now.plus(lease), now);
        claimed.add(entry.job);
        Job job = entry.job;
        append(
            job.id(),
            daemonId,
            "info",
            "claimed",
            "attempt " + job.attempts() + " of " + job.maxAttempts() + " started",
            "{\"attempt\":" + job.attempts() + "}");
      }
      return claimed;
    }
  }

  @Override
  public boolean heartbeat(JobId id, String daemonId, Duration lease) {
    requireLease(lease);
    synchronized (lock) {
      Entry entry = held(id, daemonId);
      if (entry == null) {
        return false;
      }
      Instant now = clock.instant();
      entry.job = JobTransitions.leased(entry.job, now.plus(lease), now);
      return true;
    }
  }

  @Override
  public boolean complete(JobId id, String daemonId, String result) {
    synchronized (lock) {
      Entry entry = held(id, daemonId);
      if (entry == null) {
        return false;
      }
      Job job = entry.job;
      entry.job =
          JobTransitions.ended(job, JobStatus.COMPLETED, job.lastError(), result, clock.instant());
      append(id, daemonId, "info", "completed", "attempt " + job.attempts() + " completed", null);
      return true;
    }
  }

  @Override
  public boolean fail(JobId id, String daemonId, String error, Instant retryAt) {
    synchronized (lock) {
      Entry entry = held(id, daemonId);
      if (entry == null) {
        return false;
      }
      Job job = entry.job;
      Instant now = clock.instant();
      String attempt = "attempt " + job.attempts() + " of " + job.maxAttempts();
      if (retryAt == null) {
        entry.job = JobTransitions.ended(job, JobStatus.FAILED, error, null, now);
        append(id, daemonId, "error", "failed", attempt + " failed for good: " + error, null);
      } else {
        entry.job = JobTransitions.queued(job, retryAt, job.attempts(), error, now);
        queued.add(entry);
        append(
            id,
            daemonId,
            "warn",
            "retry_scheduled",
            attempt + " failed, retrying at " + retryAt + ": " + error,
            "{\"attempt\":" + job.attempts() + ",\"retry_at\":\"" + retryAt + "\"}");
      }
      return true;
    }
  }

  @Override
  public boolean release(JobId id, String daemonId) {
    synchronized (lock) {
      Entry entry = held(id, daemonId);
      if (entry == null) {
        return false;
      }
      Job j = entry.job; // its claim counted an attempt that never started: take it back
      entry.job =
          JobTransitions.queued(j, j.runAt(), j.attempts() - 1, j.lastError(), clock.instant());
      queued.add(entry);
      append(id, daemonId, "info", "released", "released unstarted; back in the queue", null);
      return true;
    }
  }

  @Override
  public boolean cancel(JobId id) {
    synchronized (lock) {
      Entry entry = jobs.get(id);
      if (entry == null || entry.job.status().isTerminal()) {
        return false;
      }
      Job job = entry.job;
      queued.remove(entry);
      entry.job =
          JobTransitions.ended(job, JobStatus.CANCELLED, job.lastError(), null, clock.instant());
      append(id, null, "info", "cancelled", "job cancelled while " + job.status().wireName(), null);
      return true;
    }
  }

  @Override
  public Optional<Job> retry(JobId id) {
    synchronized (lock) {
      Entry entry = jobs.get(id);
      if (entry == null
          || (entry.job.status() != JobStatus.FAILED
              && entry.job.status() != JobStatus.CANCELLED)) {
        return Optional.empty();
      }
      Instant now = clock.instant();
      String was = entry.job.status().wireName();
      entry.job = JobTransitions.queued(entry.job, now, 0, entry.job.lastError(), now);
      queued.add(entry);
      append(id, null, "info", "requeued", "job requeued after it " + was, null);
      return Optional.of(entry.job);
    }
  }

  @Override
  public int reapExpiredLeases() {
    synchronized (lock) {
      Instant now = clock.instant();
      int reaped = 0;
      for (Entry entry : jobs.values()) {
        Job job = entry.job;
        if (job.status() == JobStatus.RUNNING && !job.leaseExpiresAt().isAfter(now)) {
          reap(entry, now);
          reaped++;
        }
      }
      pruneEnded(now);
      return reaped;
    }
  }

  private void reap(Entry entry, Instant now) {
    Job job = entry.job;
    String error = "lease of daemon " + job.leaseOwner() + " expired at " + job.leaseExpiresAt();
    if (job.attempts() >= job.maxAttempts()) {
      entry.job = JobTransitions.ended(job, JobStatus.FAILED, error, null, now);
      append(job.id(), null, "error", "lease_expired", error + "; no attempts left", null);
    } else {
      entry.job = JobTransitions.queued(job, now, job.attempts(), error, now);
      queued.add(entry);
      append(job.id(), null, "warn", "lease_expired", error + "; back in the queue", null);
    }
  }

  private void pruneEnded(Instant now) {
    Instant cutoff = now.minus(finishedRetention);
    Iterator<Entry> it = bySeq.values().iterator();
    while (it.hasNext()) {
      Job job = it.next().job;
      if (job.status().isTerminal() && job.updatedAt().isBefore(cutoff)) {
        it.remove();
        jobs.remove(job.id());
        events.remove(job.id());
        if (job.idempotencyKey() != null) {
          byKey.remove(job.idempotencyKey(), job.id());
        }
      }
    }
  }

  @Override
  public void appendEvent(
      JobId id, String daemonId, String level, String kind, String message, String details) {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(kind, "kind");
    synchronized (lock) {
      if (!jobs.containsKey(id)) {
        throw new JobNotFoundException(id);
      }
      append(id, daemonId, level, kind, message, details);
    }
  }

  private void append(
      JobId id, String daemonId, String level, String kind, String message, String details) {
    JobEvent event =
        new JobEvent(++nextEventId, id, clock.instant(), daemonId, level, kind, message, details);
    events.computeIfAbsent(id, k -> new ArrayList<>()).add(event);
  }

  @Override
  public List<JobEvent> events(JobId id) {
    synchronized (lock) {
      return List.copyOf(events.getOrDefault(id, List.of()));
    }
  }

  @Override
  public Map<String, Map<JobStatus, Long>> depth() {
    Map<String, Map<JobStatus, Long>> counts = new TreeMap<>();
    synchronized (lock) {
      for (Entry entry : jobs.values()) {
        counts
            .computeIfAbsent(entry.job.family(), f -> new EnumMap<>(JobStatus.class))
            .merge(entry.job.status(), 1L, Long::sum);
      }
    }
    Map<String, Map<JobStatus, Long>> copy = new TreeMap<>();
    counts.forEach((family, byStatus) -> copy.put(family, Map.copyOf(byStatus)));
    return Collections.unmodifiableMap(copy);
  }

  /** The entry when {@code daemonId} holds the job, else null. */
  private Entry held(JobId id, String daemonId) {
    Entry entry = jobs.get(id);
    if (entry == null
        || entry.job.status() != JobStatus.RUNNING
        || !entry.job.leaseOwner().equals(daemonId)) {
      return null;
    }
    return entry;
  }

  private static void requireDaemon(String daemonId) {
    if (daemonId == null || daemonId.isBlank()) {
      throw new IllegalArgumentException("daemonId must not be blank");
    }
  }

  private static void requireLease(Duration lease) {
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease was " + lease + " but must be positive");
    }
  }
}
