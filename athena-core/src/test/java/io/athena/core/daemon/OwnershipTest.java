package io.athena.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.Athena;
import io.athena.core.jobs.AdminCalls;
import io.athena.core.jobs.TestClock;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobRequest;
import io.athena.spi.jobs.JobStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ownership end to end: an api-role Athena with handlers for clone and deferred jobs. */
class OwnershipTest {
  private final Athena athena =
      Athena.builder()
          .config(AdminCalls.adminConfig())
          .clock(new TestClock())
          .daemon(
              DaemonRole.API,
              TestHandler.of("clone", ctx -> "{\"cloned\":true}"),
              TestHandler.of("deferred", ctx -> "{\"rows\":[]}"))
          .build()
          .start();
  private final AdminCalls admin = new AdminCalls(athena.router());

  @AfterEach
  void close() {
    athena.close();
  }

  @Test
  @DisplayName("an api daemon runs deferred jobs but never claims a clone job")
  void apiNeverRunsClone() {
    assertThat(athena.daemon().orElseThrow().families()).containsExactly("deferred");
    Job clone = athena.jobs().submit(JobRequest.of("clone", "{}"));
    Job deferred = athena.jobs().submit(JobRequest.of("deferred", "{}"));
    await().until(() -> athena.jobs().get(deferred.id()).status() == JobStatus.COMPLETED);
    await()
        .during(Duration.ofMillis(600)) // more than two poll intervals
        .until(() -> athena.jobs().get(clone.id()).status() == JobStatus.QUEUED);
    assertThat(athena.jobs().events(clone.id()))
        .extracting(e -> e.kind())
        .containsExactly("submitted");
  }

  @Test
  @DisplayName("/admin/jobs/depth reports clone unowned and deferred owned by the api daemon")
  void depthReportsOwnership() {
    athena.jobs().submit(JobRequest.of("clone", "{}"));
    Map<String, JsonNode> families = new HashMap<>();
    admin
        .get("/admin/jobs/depth")
        .data()
        .path("families")
        .forEach(node -> families.put(node.path("family").asText(), node));
    assertThat(families).containsOnlyKeys("clone", "deferred");
    assertThat(families.get("clone").path("owned").asBoolean()).isFalse();
    assertThat(families.get("clone").path("counts").path("queued").asLong()).isEqualTo(1);
    assertThat(families.get("deferred").path("owned").asBoolean()).isTrue();
    assertThat(families.get("deferred").path("owners").get(0).asText())
        .isEqualTo(athena.daemon().orElseThrow().id());
    JsonNode daemon = admin.get("/admin/daemons").data().get(0);
    assertThat(daemon.path("role").asText()).isEqualTo("api");
    assertThat(daemon.path("families").toString()).isEqualTo("[\"deferred\"]");
  }
}
