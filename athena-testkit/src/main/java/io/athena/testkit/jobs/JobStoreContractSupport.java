package io.athena.testkit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobEvent;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture the job store suites share: a fresh store on a {@link SettableClock} per test, and
 * small helpers. Extend {@link JobStoreContract}, not this class.
 */
public abstract class JobStoreContractSupport {
  /** The lease every test claims with. */
  protected static final Duration LEASE = Duration.ofSeconds(30);

  protected static final String D1 = "daemon-1";
  protected static final String D2 = "daemon-2";

  /** The store's clock; move it instead of sleeping. */
  protected SettableClock clock;

  /** An empty store for the current test. */
  protected JobStore store;

  /**
   * A new, empty store that reads time only from {@code clock}. Called once per test; a durable
   * store must not see the jobs of earlier tests (truncate its tables, or use a fresh schema).
   */
  protected abstract JobStore newStore(InstantSource clock);

  /** Releases a store after its test; closes it when it is {@link AutoCloseable}. */
  protected void closeStore(JobStore store) throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /** Threads of the concurrent-claim test; small enough for a 2-core machine. */
  protected int claimerThreads() {
    return 4;
  }

  /** Jobs of the concurrent-claim test; lower it for a slow durable store. */
  protected int concurrentJobs() {
    return 200;
  }

  @BeforeEach
  final void createStore() {
    clock = new SettableClock();
    store = newStore(clock);
  }

  @AfterEach
  final void releaseStore() throws Exception {
    closeStore(store);
  }

  protected Instant now() {
    return clock.instant();
  }

  protected Job submit(String family) {
    return store.submit(JobRequest.of(family, "{}"));
  }

  protected Job submit(JobRequest request) {
    return store.submit(request);
  }

  /** Claims exactly one job of {@code family}, failing the test when none or several come back. */
  protected Job claimOne(String daemonId, String family) {
    List<Job> claimed = store.claim(daemonId, Set.of(family), 1, LEASE);
    assertThat(claimed).as("jobs claimed by %s from family %s", daemonId, family).hasSize(1);
    return claimed.get(0);
  }

  /** Asserts that nothing of {@code family} is claimable now. */
  protected void assertNothingClaimable(String family) {
    assertThat(store.claim("probe", Set.of(family), 10, LEASE))
        .as("claimable jobs of family %s at %s", family, now())
        .isEmpty();
  }

  /** The job as stored now. */
  protected Job reload(Job job) {
    Optional<Job> stored = store.get(job.id());
    assertThat(stored).as("stored job %s", job.id()).isPresent();
    return stored.get();
  }

  /** The kinds of a job's events, oldest first. */
  protected List<String> kinds(Job job) {
    return store.events(job.id()).stream().map(JobEvent::kind).toList();
  }

  /**
   * JSON text without insignificant whitespace, so a store that normalises JSON (a {@code jsonb}
   * column) passes. Test payloads avoid spaces inside strings and use one key per object.
   */
  protected static String compact(String json) {
    return json == null ? null : json.replaceAll("\\s+", "");
  }
}
