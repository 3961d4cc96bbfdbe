package io.athena.postgres.internal.jobs;

import io.athena.postgres.internal.jobs.CompletionCombiner.Completion;
import io.athena.postgres.internal.jobs.StatementRunner.ArrayParam;
import io.athena.postgres.jobs.JobStoreException;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The store's batched writes: submitting many jobs and completing many jobs, each batch one
 * statement (its events included).
 */
public final class JobWrites {

  /** The most rows one batched statement writes; larger inputs are split. */
  public static final int MAX_BATCH = 1000;

  private final JobStoreRuntime runtime;

  public JobWrites(JobStoreRuntime runtime) {
    this.runtime = runtime;
  }

  /** Submits {@code requests} in order, in statements of at most {@link #MAX_BATCH}. */
  public List<Job> submitAll(List<JobRequest> requests) {
    List<Job> jobs = new ArrayList<>(requests.size());
    for (int from = 0; from < requests.size(); from += MAX_BATCH) {
      jobs.addAll(submitBatch(requests.subList(from, Math.min(from + MAX_BATCH, requests.size()))));
    }
    return jobs;
  }

  private List<Job> submitBatch(List<JobRequest> requests) {
    int n = requests.size();
    Instant now = runtime.now();
    UUID[] ids = new UUID[n];
    String[] families = new String[n];
    String[] payloads = new String[n];
    Integer[] priorities = new Integer[n];
    String[] runAts = new String[n];
    Integer[] maxAttempts = new Integer[n];
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      JobRequest r = requests.get(i);
      ids[i] = JobIds.newId(now.toEpochMilli());
      families[i] = r.family();
      payloads[i] = r.payload();
      priorities[i] = r.priority();
      runAts[i] = r.runAt() == null ? null : JobRows.micros(r.runAt()).toString();
      maxAttempts[i] = r.maxAttempts();
      keys[i] = r.idempotencyKey();
    }
    List<Job> inserted =
        runtime
            .runner()
            .query(
                () -> "submit " + n + " job(s) of family '" + families[0] + "'",
                runtime.sql().submit(),
                JobRows::job,
                new ArrayParam("uuid", ids),
                new ArrayParam("text", families),
                new ArrayParam("text", payloads),
                new ArrayParam("int4", priorities),
                new ArrayParam("text", runAts),
                new ArrayParam("int4", maxAttempts),
                new ArrayParam("text", keys),
                now,
                now,
                now);
    return inRequestOrder(requests, ids, inserted);
  }

  /**
   * Lines the answers up with the requests: a request whose idempotency key already existed (or
   * repeated an earlier key of the batch) answers the job holding that key.
   */
  private List<Job> inRequestOrder(List<JobRequest> requests, UUID[] ids, List<Job> inserted) {
    Map<String, Job> byId = new HashMap<>();
    Map<String, Job> byKey = new HashMap<>();
    for (Job job : inserted) {
      byId.put(job.id().value(), job);
      if (job.idempotencyKey() != null) {
        byKey.put(job.idempotencyKey(), job);
      }
    }
    Set<String> missingKeys = new HashSet<>();
    for (int i = 0; i < ids.length; i++) {
      String key = requests.get(i).idempotencyKey();
      if (!byId.containsKey(ids[i].toString()) && !byKey.containsKey(key)) {
        missingKeys.add(key);
      }
    }
    if (!missingKeys.isEmpty()) {
      existingByKey(missingKeys).forEach(job -> byKey.put(job.idempotencyKey(), job));
    }
    List<Job> jobs = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      Job job = byId.get(ids[i].toString());
      jobs.add(job != null ? job : requireByKey(byKey, requests.get(i).idempotencyKey()));
    }
    return jobs;
  }

  private List<Job> existingByKey(Set<String> keys) {
    return runtime
        .runner()
        .query(
            () -> "read the jobs of " + keys.size() + " idempotency key(s)",
            runtime.sql().byIdempotencyKeys(),
            JobRows::job,
            new ArrayParam("text", keys.toArray(new String[0])));
  }

  private static Job requireByKey(Map<String, Job> byKey, String key) {
    Job job = byKey.get(key);
    if (job == null) {
      // only a job deleted between our insert and our read could get here
      throw new JobStoreException(
          "Job store could not find the job of idempotency key '" + key + "' after submitting it",
          null,
          null);
    }
    return job;
  }

  /**
   * Completes many jobs of one daemon in statements of at most {@link #MAX_BATCH}; ids that are not
   * canonical UUIDs cannot name a job and are skipped.
   */
  public Set<JobId> completeAll(String daemonId, Map<JobId, String> results) {
    Map<UUID, JobId> ids = new HashMap<>();
    List<Completion> batch = new ArrayList<>();
    Set<JobId> completed = new HashSet<>();
    for (Map.Entry<JobId, String> e : results.entrySet()) {
      UUID uuid = JobIds.parse(e.getKey());
      if (uuid != null && ids.put(uuid, e.getKey()) == null) {
        batch.add(new Completion(uuid, daemonId, e.getValue()));
      }
      if (batch.size() == MAX_BATCH) {
        completeBatch(batch).forEach(u -> completed.add(ids.get(u)));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      completeBatch(batch).forEach(u -> completed.add(ids.get(u)));
    }
    return completed;
  }

  /** Completes a batch of distinct jobs in one statement; answers the ids completed. */
  public Set<UUID> completeBatch(List<Completion> completions) {
    int n = completions.size();
    UUID[] ids = new UUID[n];
    String[] daemons = new String[n];
    String[] results = new String[n];
    for (int i = 0; i < n; i++) {
      Completion c = completions.get(i);
      ids[i] = c.id();
      daemons[i] = c.daemonId();
      results[i] = c.result();
    }
    Instant now = runtime.now();
    List<UUID> done =
        runtime
            .runner()
            .query(
                () -> n == 1 ? "complete job " + ids[0] : "complete " + n + " jobs",
                runtime.sql().complete(),
                row -> row.getObject(1, UUID.class),
                new ArrayParam("uuid", ids),
                new ArrayParam("text", daemons),
                new ArrayParam("text", results),
                now,
                now);
    return new HashSet<>(done);
  }
}
