package io.athena.core.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.athena.core.json.Json;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobEvent;
import io.athena.spi.jobs.JobFilter;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobPage;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import io.athena.spi.jobs.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue as hosts use it: validates what it is given, then delegates to the {@link
 * JobStore}. A daemon in the same process {@linkplain #subscribe listens} and picks a submitted job
 * up at once rather than at its next poll.
 *
 * <pre>{@code
 * Job job = athena.jobs().submit(JobRequest.of("email", "{\"to\":\"ann@example.com\"}"));
 * }</pre>
 */
public final class Jobs {
  private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

  /** Family names: they become metric labels and log words, so they are short and plain. */
  public static final Pattern FAMILY = Pattern.compile("[a-z][a-z0-9_.-]{0,62}");

  public static final int MAX_ATTEMPTS = 100;
  public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
  public static final int MAX_PAYLOAD_CHARS = 1_000_000;

  private final JobStore store;
  private final JobDepthGauges gauges;
  private final List<JobListener> listeners = new CopyOnWriteArrayList<>();

  /** A facade whose meters go nowhere; for tests and hosts without metrics. */
  public Jobs(JobStore store) {
    this(store, new SimpleMeterRegistry());
  }

  /** A facade that registers {@code athena_jobs{family,status}} in {@code meters}. */
  public Jobs(JobStore store, MeterRegistry meters) {
    this.store = Objects.requireNonNull(store, "store");
    this.gauges = new JobDepthGauges(store, Objects.requireNonNull(meters, "meters"));
  }

  /** The store behind this facade. */
  public JobStore store() {
    return store;
  }

  /**
   * Adds a job, or returns the job already submitted with the same idempotency key.
   *
   * @throws IllegalArgumentException when the family, payload, attempts or key is not acceptable
   */
  public Job submit(JobRequest request) {
    validate(request);
    Job job = store.submit(request);
    gauges.family(job.family());
    notify(l -> l.jobQueued(job));
    return job;
  }

  public Optional<Job> find(JobId id) {
    return store.get(Objects.requireNonNull(id, "id"));
  }

  /**
   * @throws JobNotFoundException when no job has this id
   */
  public Job get(JobId id) {
    return find(id).orElseThrow(() -> new JobNotFoundException(id));
  }

  /**
   * @throws IllegalArgumentException for a malformed family or a cursor the store did not issue
   */
  public JobPage list(JobFilter filter) {
    Objects.requireNonNull(filter, "filter");
    if (filter.family() != null) {
      requireFamily(filter.family());
    }
    return store.list(filter);
  }

  /**
   * Cancels a queued or running job (a running handler sees {@code isCancelled()} and its result is
   * dropped).
   *
   * @return false when the job had already ended
   * @throws JobNotFoundException when no job has this id
   */
  public boolean cancel(JobId id) {
    get(id);
    boolean cancelled = store.cancel(id);
    if (cancelled) {
      notify(l -> l.jobCancelled(id));
    }
    return cancelled;
  }

  /**
   * Puts a failed or cancelled job back in the queue, due now, with a fresh set of attempts.
   *
   * @throws JobNotFoundException when no job has this id
   * @throws IllegalStateException when the job is queued, running or completed
   */
  public Job retry(JobId id) {
    Job before = get(id);
    Job job =
        store
            .retry(id)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "job "
                            + id
                            + " is "
                            + before.status().wireName()
                            + "; only failed or cancelled jobs can be retried"));
    notify(l -> l.jobQueued(job));
    return job;
  }

  /**
   * A job's events, oldest first.
   *
   * @throws JobNotFoundException when no job has this id
   */
  public List<JobEvent> events(JobId id) {
    get(id);
    return store.events(id);
  }

  /** Job counts per family and status; families without jobs are absent. */
  public Map<String, Map<JobStatus, Long>> depth() {
    Map<String, Map<JobStatus, Long>> depth = store.depth();
    gauges.update(depth);
    return depth;
  }

  public void subscribe(JobListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void unsubscribe(JobListener listener) {
    listeners.remove(listener);
  }

  /**
   * A job id from text, such as a path segment.
   *
   * @throws IllegalArgumentException when the text is not a UUID in canonical form
   */
  public static JobId parseId(String text) {
    try {
      if (text != null && text.length() == 36) {
        return new JobId(UUID.fromString(text).toString());
      }
    } catch (IllegalArgumentException e) {
      // one message below
    }
    throw new IllegalArgumentException(
        "job id was '" + abbreviate(text) + "' but must be a UUID such as " + UUID.randomUUID());
  }

  private void notify(Consumer<JobListener> event) {
    for (JobListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("a job listener failed; the daemon will notice at its next poll", e);
      }
    }
  }

  static void requireFamily(String family) {
    if (family == null || !FAMILY.matcher(family).matches()) {
      throw new IllegalArgumentException(
          "family was '" + abbreviate(family) + "' but must match " + FAMILY.pattern());
    }
  }

  private static void validate(JobRequest request) {
    Objects.requireNonNull(request, "request");
    requireFamily(request.family());
    if (request.maxAttempts() > MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          "maxAttempts was " + request.maxAttempts() + " but must be at most " + MAX_ATTEMPTS);
    }
    String key = request.idempotencyKey();
    if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      throw new IllegalArgumentException(
          "idempotencyKey was '"
              + abbreviate(key)
              + "' but must be 1.."
              + MAX_IDEMPOTENCY_KEY_LENGTH
              + " characters and not blank");
    }
    requireJson(request.payload());
  }

  private static void requireJson(String payload) {
    if (payload.length() > MAX_PAYLOAD_CHARS) {
      throw new IllegalArgumentException(
          "payload was "
              + payload.length()
              + " characters but must be at most "
              + MAX_PAYLOAD_CHARS);
    }
    try {
      if (Json.mapper().readTree(payload).isMissingNode()) {
        throw new IllegalArgumentException("payload was empty but must be JSON ({} for none)");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("payload was not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 64
        ? String.valueOf(text)
        : text.substring(0, 64) + "...";
  }
}
