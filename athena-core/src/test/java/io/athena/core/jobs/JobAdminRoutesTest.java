package io.athena.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.Athena;
import io.athena.core.jobs.AdminCalls.Answer;
import io.athena.spi.jobs.DaemonInfo;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JobAdminRoutesTest {
  private final TestClock clock = new TestClock();
  private final Athena athena =
      Athena.builder().config(AdminCalls.adminConfig()).clock(clock).build();
  private final AdminCalls admin = new AdminCalls(athena.router());

  @AfterEach
  void close() {
    athena.close();
  }

  private Job submit(String family) {
    Job job = athena.jobs().submit(JobRequest.of(family, "{\"to\":\"ann\"}"));
    clock.advance(Duration.ofSeconds(1));
    return job;
  }

  @Test
  @DisplayName("GET /admin/jobs pages newest first and filters by family and status")
  void listsJobs() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(submit(i < 3 ? "mail" : "sms").id().value());
    }
    athena.jobs().cancel(new JobId(ids.get(0)));
    Answer first = admin.get("/admin/jobs", "limit", "2");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("message").asText()).isEqualTo("Fetched 2 jobs");
    assertThat(idsOf(first.data().path("jobs"))).containsExactly(ids.get(4), ids.get(3));
    String cursor = first.data().path("next_cursor").asText();
    Answer second = admin.get("/admin/jobs", "limit", "10", "cursor", cursor);
    assertThat(idsOf(second.data().path("jobs")))
        .containsExactly(ids.get(2), ids.get(1), ids.get(0));
    assertThat(second.data().path("next_cursor").isNull()).isTrue();
    assertThat(
            idsOf(
                admin.get("/admin/jobs", "family", "mail", "status", "queued").data().path("jobs")))
        .containsExactly(ids.get(2), ids.get(1));
  }

  @Test
  @DisplayName("GET /admin/jobs answers 400 for a bad status, limit or cursor")
  void rejectsBadQuery() {
    Answer status = admin.get("/admin/jobs", "status", "sleeping");
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.body().path("code").asText()).isEqualTo("invalid_request");
    assertThat(status.body().path("error").asText()).startsWith("status was 'sleeping'");
    assertThat(admin.get("/admin/jobs", "limit", "0").status()).isEqualTo(400);
    assertThat(admin.get("/admin/jobs", "limit", "ten").status()).isEqualTo(400);
    assertThat(admin.get("/admin/jobs", "cursor", "garbage!").status()).isEqualTo(400);
    assertThat(admin.get("/admin/jobs", "family", "Not A Family").status()).isEqualTo(400);
  }

  @Test
  @DisplayName("GET /admin/jobs/{id} answers the job and its events in snake_case")
  void showsJobWithEvents() {
    Job job = submit("mail");
    Answer answer = admin.get("/admin/jobs/" + job.id());
    assertThat(answer.status()).isEqualTo(200);
    JsonNode shown = answer.data().path("job");
    assertThat(shown.path("job_id").asText()).isEqualTo(job.id().value());
    assertThat(shown.path("status").asText()).isEqualTo("queued");
    assertThat(shown.path("payload").path("to").asText())
        .as("payload embedded as JSON")
        .isEqualTo("ann");
    assertThat(shown.path("max_attempts").asInt()).isEqualTo(3);
    assertThat(shown.path("created_at").asText()).isEqualTo("2030-01-01T00:00:00Z");
    JsonNode event = answer.data().path("events").get(0);
    assertThat(event.path("kind").asText()).isEqualTo("submitted");
    assertThat(event.path("job_id").asText()).isEqualTo(job.id().value());
    assertThat(event.has("event_id")).isTrue();
    assertThat(event.has("daemon_id")).isTrue();
    assertThat(event.path("level").asText()).isEqualTo("info");
  }

  @Test
  @DisplayName("an unknown or malformed job id answers 404 job_not_found")
  void unknownJobIs404() {
    for (String path :
        List.of("/admin/jobs/" + JobId.random(), "/admin/jobs/nope", "/admin/jobs/nope/cancel")) {
      Answer answer = path.endsWith("cancel") ? admin.post(path) : admin.get(path);
      assertThat(answer.status()).as(path).isEqualTo(404);
      assertThat(answer.body().path("code").asText()).as(path).isEqualTo("job_not_found");
    }
    assertThat(admin.post("/admin/jobs/" + JobId.random() + "/retry").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("POST cancel ends a job once; POST retry requeues it, and refuses a queued job")
  void cancelsAndRetries() {
    Job job = submit("mail");
    Answer cancelled = admin.post("/admin/jobs/" + job.id() + "/cancel");
    assertThat(cancelled.data().path("cancelled").asBoolean()).isTrue();
    assertThat(cancelled.data().path("job").path("status").asText()).isEqualTo("cancelled");
    Answer again = admin.post("/admin/jobs/" + job.id() + "/cancel");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.data().path("cancelled").asBoolean()).isFalse();
    assertThat(again.body().path("message").asText()).isEqualTo("Job had already ended");
    Answer retried = admin.post("/admin/jobs/" + job.id() + "/retry");
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.data().path("job").path("status").asText()).isEqualTo("queued");
    Answer conflict = admin.post("/admin/jobs/" + job.id() + "/retry");
    assertThat(conflict.status()).isEqualTo(400);
    assertThat(conflict.body().path("error").asText()).contains("is queued");
  }

  @Test
  @DisplayName("GET /admin/jobs/depth counts per family and status and says who owns each family")
  void depthWithOwnership() {
    submit("mail");
    submit("clone");
    athena.daemonRegistry().register(daemon("live", Set.of("mail"), clock.instant()));
    athena
        .daemonRegistry()
        .register(daemon("stale", Set.of("clone"), clock.instant().minusSeconds(31)));
    Answer answer = admin.get("/admin/jobs/depth");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.data().path("live_daemons").asInt()).isEqualTo(1);
    JsonNode families = answer.data().path("families");
    assertThat(families.get(0).path("family").asText()).isEqualTo("clone");
    assertThat(families.get(0).path("owned").asBoolean())
        .as("clone, owned by a stale daemon")
        .isFalse();
    assertThat(families.get(0).path("counts").path("queued").asLong()).isEqualTo(1);
    assertThat(families.get(0).path("counts").path("running").asLong()).isZero();
    assertThat(families.get(1).path("family").asText()).isEqualTo("mail");
    assertThat(families.get(1).path("owned").asBoolean()).isTrue();
    assertThat(families.get(1).path("owners").get(0).asText()).isEqualTo("live");
  }

  @Test
  @DisplayName("GET /admin/daemons lists daemons with their heartbeat and liveness")
  void listsDaemons() {
    athena.daemonRegistry().register(daemon("d-1", Set.of("mail", "backup"), clock.instant()));
    Answer answer = admin.get("/admin/daemons");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode d = answer.data().get(0);
    assertThat(d.path("daemon_id").asText()).isEqualTo("d-1");
    assertThat(d.path("role").asText()).isEqualTo("daemon");
    assertThat(d.path("families").toString()).isEqualTo("[\"backup\",\"mail\"]");
    assertThat(d.path("host").asText()).isEqualTo("host-a");
    assertThat(d.path("started_at").asText()).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(d.path("last_heartbeat_at").asText()).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(d.path("status").asText()).isEqualTo("running");
    assertThat(d.path("live").asBoolean()).isTrue();
  }

  @Test
  @DisplayName("job routes need the admin key")
  void needAdminKey() {
    assertThat(admin.withoutKey("GET", "/admin/jobs").status()).isEqualTo(401);
    assertThat(admin.withoutKey("GET", "/admin/daemons").status()).isEqualTo(401);
    Athena closed = Athena.builder().build();
    assertThat(new AdminCalls(closed.router()).get("/admin/jobs/depth").status())
        .as("no admin key configured")
        .isEqualTo(403);
  }

  private static DaemonInfo daemon(String id, Set<String> families, java.time.Instant heartbeat) {
    return new DaemonInfo(id, "daemon", families, "host-a", heartbeat, heartbeat, "running");
  }

  private static List<String> idsOf(JsonNode jobs) {
    List<String> ids = new ArrayList<>();
    jobs.forEach(j -> ids.add(j.path("job_id").asText()));
    return ids;
  }
}
