package io.athena.postgres.internal.jobs;

import io.athena.postgres.internal.jobs.JobRows.SequencedJob;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobEvent;
import io.athena.spi.jobs.JobFilter;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobPage;
import io.athena.spi.jobs.JobStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** The store's reads: one job, a page of jobs, a job's events, and queue depth. */
public final class JobReads {
  private final JobStoreRuntime runtime;

  public JobReads(JobStoreRuntime runtime) {
    this.runtime = runtime;
  }

  public Optional<Job> get(JobId id) {
    UUID uuid = JobIds.parse(id);
    if (uuid == null) {
      return Optional.empty();
    }
    List<Job> found =
        runtime.runner().query(() -> "read job " + id, runtime.sql().get(), JobRows::job, uuid);
    return found.stream().findFirst();
  }

  /** One page, newest first; reads one row more than asked to learn whether another page exists. */
  public JobPage list(JobFilter filter) {
    PageCursor after = filter.cursor() == null ? null : PageCursor.decode(filter.cursor());
    List<Object> params = new ArrayList<>();
    if (filter.family() != null) {
      params.add(filter.family());
    }
    if (filter.status() != null) {
      params.add(filter.status().wireName());
    }
    if (after != null) {
      params.add(after.createdAt());
      params.add(after.seq());
    }
    params.add(filter.limit() + 1);
    String sql =
        runtime.sql().list(filter.family() != null, filter.status() != null, after != null);
    List<SequencedJob> rows =
        runtime.runner().query(() -> "list jobs", sql, JobRows::sequencedJob, params.toArray());
    if (rows.size() <= filter.limit()) {
      return new JobPage(rows.stream().map(SequencedJob::job).toList(), null);
    }
    List<SequencedJob> page = rows.subList(0, filter.limit());
    SequencedJob last = page.get(page.size() - 1);
    String next = new PageCursor(last.job().createdAt(), last.seq()).encode();
    return new JobPage(page.stream().map(SequencedJob::job).toList(), next);
  }

  public List<JobEvent> events(JobId id) {
    UUID uuid = JobIds.parse(id);
    if (uuid == null) {
      return List.of();
    }
    return runtime
        .runner()
        .query(() -> "read the events of job " + id, runtime.sql().events(), JobRows::event, uuid);
  }

  /** Job counts per family and status, in one GROUP BY. */
  public Map<String, Map<JobStatus, Long>> depth() {
    Map<String, Map<JobStatus, Long>> counts = new TreeMap<>();
    runtime
        .runner()
        .query(
            () -> "count jobs per family and status",
            runtime.sql().depth(),
            row -> {
              counts
                  .computeIfAbsent(row.getString(1), f -> new EnumMap<>(JobStatus.class))
                  .put(JobRows.status(row.getString(2)), row.getLong(3));
              return null;
            });
    Map<String, Map<JobStatus, Long>> copy = new TreeMap<>();
    counts.forEach((family, byStatus) -> copy.put(family, Map.copyOf(byStatus)));
    return Collections.unmodifiableMap(copy);
  }
}
