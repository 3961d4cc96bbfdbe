package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.servlet.Http.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code server.max_body_bytes}: a body past the limit answers 413 before anything runs. */
class BodyLimitIT {
  private static final int LIMIT = 512;

  @RegisterExtension
  static final AthenaStack stack =
      AthenaStack.builder()
          .schema("CREATE TABLE items (id int PRIMARY KEY, label text);")
          .maxBodyBytes(LIMIT)
          .build();

  /** A valid insert body of exactly {@code size} bytes (ASCII), padded with spaces. */
  private static String insertOfSize(int id, int size) {
    String json = "{\"table_name\":\"items\",\"insert_body\":{\"id\":" + id + ",\"label\":\"x\"}}";
    return json + " ".repeat(size - json.length());
  }

  @Test
  void bodyOverTheLimitIs413AndWritesNothing() {
    Reply reply =
        stack
            .http()
            .put("/gateway/insert", insertOfSize(1, LIMIT + 1))
            .error(413, "payload_too_large");

    assertThat(reply.errorText()).contains(String.valueOf(LIMIT));
    assertThat(stack.http().fetch("{\"table_name\":\"items\"}").ok().data()).isEmpty();
  }

  @Test
  void bodyAtTheLimitIsServed() {
    stack.http().put("/gateway/insert", insertOfSize(2, LIMIT)).ok();

    assertThat(stack.http().fetch("{\"table_name\":\"items\",\"where\":{\"id\":2}}").ok().data())
        .hasSize(1);
  }

  @Test
  void aMegabyteBodyIsRefusedWithoutReadingIt() {
    Reply reply =
        stack.http().post("/gateway/fetch", "{\"table_name\":\"" + "a".repeat(1 << 20) + "\"}");

    reply.error(413, "payload_too_large");
  }
}
