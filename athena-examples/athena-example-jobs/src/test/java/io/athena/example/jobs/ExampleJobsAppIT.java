package io.athena.example.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExampleJobsAppIT {

  @Test
  @DisplayName("the example runs every job it submits to completion and prints their events")
  void everyJobCompletes() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Job> jobs;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      jobs = ExampleJobsApp.run(out);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(jobs)
        .hasSize(3)
        .allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.COMPLETED));
    assertThat(jobs).allSatisfy(j -> assertThat(j.result()).contains("\"delivered\":true"));
    assertThat(printed).contains("submitted", "claimed", "email_sent", "completed");
    assertThat(printed).contains("retry_scheduled"); // the flaky address fails once
  }
}
