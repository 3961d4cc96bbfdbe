package io.athena.postgres.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.jobs.JobId;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobIdsTest {

  @Test
  void newIdsAreVersion7AndOrderedByTime() {
    UUID earlier = JobIds.newId(1_000);
    UUID later = JobIds.newId(2_000);
    assertThat(earlier.version()).isEqualTo(7);
    assertThat(earlier.variant()).isEqualTo(2);
    assertThat(earlier.toString()).isLessThan(later.toString());
  }

  @Test
  void newIdsOfOneMillisecondDiffer() {
    Set<UUID> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(JobIds.newId(1_000));
    }
    assertThat(ids).hasSize(10_000);
  }

  @Test
  void parsesCanonicalUuidsOnly() {
    UUID uuid = UUID.randomUUID();
    assertThat(JobIds.parse(new JobId(uuid.toString()))).isEqualTo(uuid);
    assertThat(JobIds.parse(new JobId(uuid.toString().toUpperCase()))).isEqualTo(uuid);
    assertThat(JobIds.parse(new JobId("1-1-1-1-1"))).isNull();
    assertThat(JobIds.parse(new JobId("not-a-uuid"))).isNull();
    assertThat(JobIds.parse(new JobId("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"))).isNull();
  }
}
