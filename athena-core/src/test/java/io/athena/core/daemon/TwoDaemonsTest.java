package io.athena.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TwoDaemonsTest {
  private static final int JOBS = 400;

  private final DaemonFixture f = new DaemonFixture();

  @AfterEach
  void closeDaemons() {
    f.close();
  }

  @Test
  @DisplayName("two daemons on one store run every one of hundreds of jobs exactly once")
  void eachJobRunsOnce() {
    Map<JobId, Integer> runs = new ConcurrentHashMap<>();
    Map<String, Integer> byDaemon = new ConcurrentHashMap<>();
    for (String id : new String[] {"d-1", "d-2"}) {
      f.start(
          f.daemon(
                  id,
                  TestHandler.of(
                      "bulk",
                      ctx -> {
                        runs.merge(ctx.job().id(), 1, Integer::sum);
                        byDaemon.merge(ctx.daemonId(), 1, Integer::sum);
                        return null;
                      }))
              .claimBatchSize(5));
    }
    for (int i = 0; i < JOBS; i++) {
      f.submit(JobRequest.of("bulk", "{\"n\":" + i + "}"));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(f.store.depth().get("bulk"))
                    .containsEntry(JobStatus.COMPLETED, (long) JOBS));
    assertThat(runs).hasSize(JOBS);
    assertThat(Set.copyOf(runs.values())).as("runs per job").containsExactly(1);
    assertThat(byDaemon.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(JOBS);
  }
}
