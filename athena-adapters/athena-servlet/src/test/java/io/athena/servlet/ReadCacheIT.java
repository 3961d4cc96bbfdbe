package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.config.CacheConfig;
import io.athena.servlet.Http.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One node with the local tier: hits, bypass, and writes visible at once. */
class ReadCacheIT {
  @RegisterExtension
  static final AthenaStack stack =
      AthenaStack.builder()
          .schema(
              """
              CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL);
              INSERT INTO items VALUES (1, 'one'), (2, 'two');
              """)
          .configure(c -> c.withCache(CacheConfig.enabledDefaults()))
          .build();

  private static String outcome(Reply reply) {
    return reply.header("X-Athena-Cache-Outcome").orElse("(none)");
  }

  @Test
  void aRepeatedFetchIsAMissThenALocalHitWithTheSameBody() {
    String body = "{\"table_name\":\"items\",\"sort_by\":{\"field\":\"id\"},\"limit\":7}";
    Reply first = stack.http().fetch(body).expect(200);
    Reply second = stack.http().fetch(body).expect(200);
    assertThat(outcome(first)).isEqualTo("miss");
    assertThat(first.header("X-Athena-Cached")).contains("false");
    assertThat(outcome(second)).isEqualTo("hit_local");
    assertThat(second.header("X-Athena-Cached")).contains("true");
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(first.json().path("cache_key").asText()).matches("[0-9a-f]{64}");
  }

  @Test
  void noCacheBypasses() {
    String body = "{\"table_name\":\"items\",\"limit\":3}";
    stack.http().fetch(body).expect(200);
    Reply bypassed = stack.http().fetch(body, "Cache-Control", "no-cache").expect(200);
    assertThat(outcome(bypassed)).isEqualTo("bypass");
    assertThat(bypassed.header("X-Athena-Cached")).contains("false");
  }

  @Test
  void aWriteIsVisibleToTheNextRead() {
    String body =
        "{\"table_name\":\"items\",\"conditions\":[{\"eq_column\":\"id\",\"eq_value\":2}]}";
    assertThat(stack.http().fetch(body).data().path(0).path("label").asText()).isEqualTo("two");
    stack.http().fetch(body).expect(200);
    stack
        .http()
        .post(
            "/gateway/update",
            "{\"table_name\":\"items\",\"conditions\":[{\"eq_column\":\"id\",\"eq_value\":2}],"
                + "\"update_body\":{\"label\":\"deux\"}}")
        .expect(200);
    Reply after = stack.http().fetch(body).expect(200);
    assertThat(outcome(after)).isEqualTo("miss");
    assertThat(after.data().path(0).path("label").asText()).isEqualTo("deux");
  }
}
