package io.athena.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.athena.core.jobs.InMemoryJobStore;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobEvent;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DaemonLifecycleTest {
  private final DaemonFixture f = new DaemonFixture();
  private final CountDownLatch proceed = new CountDownLatch(1);

  @AfterEach
  void closeDaemons() {
    proceed.countDown();
    f.close();
  }

  @Test
  @DisplayName("close drains: no new claims, running attempts finish, then the daemon stops")
  void gracefulDrain() {
    AthenaDaemon daemon =
        f.start(
            f.daemon(
                "d-1",
                TestHandler.of(
                    "email",
                    ctx -> {
                      proceed.await();
                      return "{}";
                    })));
    Job first = f.submit(JobRequest.of("email", "{}"));
    await().untilAsserted(() -> assertThat(f.status(first)).isEqualTo(JobStatus.RUNNING));
    CompletableFuture<Void> closing = CompletableFuture.runAsync(daemon::close);
    await().until(() -> "draining".equals(daemon.status()));
    assertThat(f.registry.list().get(0).status()).isEqualTo("draining");
    Job second = f.submit(JobRequest.of("email", "{}"));
    await().during(Duration.ofMillis(100)).until(() -> f.status(second) == JobStatus.QUEUED);
    proceed.countDown();
    await().until(closing::isDone);
    assertThat(f.status(first)).isEqualTo(JobStatus.COMPLETED);
    assertThat(f.status(second)).as("submitted while draining").isEqualTo(JobStatus.QUEUED);
    assertThat(daemon.status()).isEqualTo("stopped");
    assertThat(f.registry.list().get(0).status()).isEqualTo("stopped");
  }

  @Test
  @DisplayName("a daemon closed mid-job leaves its lease to lapse, and another daemon finishes it")
  void closedMidJobIsFinishedElsewhere() {
    AtomicBoolean interrupted = new AtomicBoolean();
    AthenaDaemon first =
        f.start(
            f.daemon(
                    "d-1",
                    TestHandler.of(
                        "report",
                        ctx -> {
                          try {
                            proceed.await();
                          } catch (InterruptedException e) {
                            interrupted.set(ctx.isCancelled());
                            throw e;
                          }
                          return "{\"by\":1}";
                        }))
                .drainTimeout(Duration.ofMillis(100)));
    Job job = f.submit(JobRequest.of("report", "{}"));
    await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.RUNNING));
    first.close();
    await().untilTrue(interrupted); // the handler was interrupted and saw isCancelled()
    assertThat(f.job(job).status())
        .as("nothing recorded by the closed daemon")
        .isEqualTo(JobStatus.RUNNING);
    assertThat(f.job(job).leaseOwner()).isEqualTo("d-1");

    f.start(f.daemon("d-2", TestHandler.of("report", ctx -> "{\"by\":2}")));
    f.clock.advance(Duration.ofSeconds(31)); // d-1's lease lapses; d-2's reaper returns the job
    await().untilAsserted(() -> assertThat(f.status(job)).isEqualTo(JobStatus.COMPLETED));
    assertThat(f.job(job).result()).isEqualTo("{\"by\":2}");
    assertThat(f.job(job).attempts()).isEqualTo(2);
    List<JobEvent> events = f.jobs.events(job.id());
    assertThat(events).extracting(JobEvent::kind).contains("lease_expired");
    assertThat(events.get(events.size() - 1).daemonId()).isEqualTo("d-2");
  }

  @Test
  @DisplayName("start and close are idempotent; a closed daemon cannot start again")
  void lifecycleIsIdempotent() {
    AthenaDaemon daemon = f.daemon("d-1", TestHandler.of("email", ctx -> null)).build();
    assertThat(daemon.status()).isEqualTo("new");
    assertThat(f.registry.list()).as("build() has no side effects").isEmpty();
    assertThat(daemon.start()).isSameAs(daemon.start());
    assertThat(daemon.status()).isEqualTo("running");
    daemon.close();
    daemon.close();
    assertThat(daemon.status()).isEqualTo("stopped");
    assertThatThrownBy(daemon::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("daemon d-1 was closed; build a new one");
    AthenaDaemon neverStarted = f.daemon("d-2").build();
    neverStarted.close();
    assertThat(neverStarted.status()).isEqualTo("stopped");
  }

  @Test
  @DisplayName("the default id is <host>-<pid>-<6 hex>; the defaults follow the lease")
  void defaults() {
    AthenaDaemon daemon =
        AthenaDaemon.builder().store(new InMemoryJobStore()).host("box-1").build();
    assertThat(daemon.id()).matches("box-1-" + ProcessHandle.current().pid() + "-[0-9a-f]{6}");
    assertThat(daemon.role()).isEqualTo(DaemonRole.ALL);
    assertThat(daemon.lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(daemon.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(daemon.families()).isEmpty();
  }

  @Test
  @DisplayName("the builder refuses bad values and conflicting settings with clear messages")
  void builderValidation() {
    assertThatThrownBy(() -> AthenaDaemon.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a job store");
    assertThatThrownBy(
            () ->
                f.daemon("d")
                    .leaseDuration(Duration.ofSeconds(10))
                    .heartbeatInterval(Duration.ofSeconds(10))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("heartbeatInterval was PT10S but must be shorter than the lease PT10S");
    assertThatThrownBy(
            () ->
                f.daemon(
                    "d",
                    TestHandler.of("email", ctx -> null),
                    TestHandler.of("email", ctx -> null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("family 'email' already has a handler");
    assertThatThrownBy(() -> f.daemon("d").concurrency("email", 2).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("concurrency was set for [email] but they have no handler");
    assertThatThrownBy(() -> f.daemon("d").concurrency("email", 0))
        .hasMessage("concurrency was 0 but must be 1..1000");
    assertThatThrownBy(() -> f.daemon("d").pollInterval(Duration.ZERO))
        .hasMessage("pollInterval was PT0S but must be positive");
    assertThatThrownBy(() -> f.daemon("d").inlineFamily("Bad Family"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.daemon("d").role(DaemonRole.API).inlineFamily("clone").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clone jobs never run in the api role");
  }
}
