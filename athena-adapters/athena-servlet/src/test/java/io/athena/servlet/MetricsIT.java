package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.servlet.Http.Reply;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} after real traffic: names, types and values of contract §7. */
class MetricsIT {
  @RegisterExtension
  static final AthenaStack stack =
      AthenaStack.builder()
          .schema(
              "CREATE TABLE items (id int PRIMARY KEY, name text);"
                  + " INSERT INTO items SELECT g, 'n' || g FROM generate_series(1, 3) g;")
          .build();

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(\\{[^}]*})? (\\S+)");

  @Test
  void metricsCountTheTrafficByClientOperationAndOutcome() {
    for (int i = 0; i < 5; i++) {
      stack.http().fetch("{\"table_name\":\"items\"}").expect(200);
    }
    stack.http().fetch("{\"table_name\":\"no_such_table\"}").expect(400);
    Reply insert =
        stack
            .http()
            .put("/gateway/insert", "{\"table_name\":\"items\",\"insert_body\":{\"id\":9}}")
            .expect(200);
    String requestId = insert.header("X-Request-Id").orElseThrow();

    Reply reply = stack.http().get("/metrics").expect(200);
    assertThat(reply.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    String text = reply.body();
    Map<String, Double> samples = samples(text);

    assertThat(text)
        .contains("# TYPE athena_gateway_requests_total counter")
        .contains("# TYPE athena_gateway_request_duration_seconds histogram")
        .contains("# TYPE athena_gateway_rows_total counter")
        .contains("# TYPE athena_uptime_seconds gauge")
        .contains("# TYPE athena_cache_requests_total counter")
        .contains("# TYPE athena_admission_decisions_total counter");
    assertThat(
            samples.get(
                "athena_gateway_requests_total{client=\"it\",operation=\"fetch\",outcome=\"success\"}"))
        .isEqualTo(5.0);
    assertThat(
            samples.get(
                "athena_gateway_requests_total{client=\"it\",operation=\"fetch\",outcome=\"client_error\"}"))
        .isEqualTo(1.0);
    assertThat(
            samples.get(
                "athena_gateway_requests_total{client=\"it\",operation=\"insert\",outcome=\"success\"}"))
        .isEqualTo(1.0);
    assertThat(
            samples.get(
                "athena_gateway_request_duration_seconds_count{client=\"it\",operation=\"fetch\"}"))
        .isEqualTo(6.0);
    assertThat(
            samples.get(
                "athena_gateway_request_duration_seconds_bucket{client=\"it\",operation=\"fetch\",le=\"+Inf\"}"))
        .isEqualTo(6.0);
    assertThat(
            samples.get(
                "athena_gateway_rows_total{client=\"it\",kind=\"returned\",operation=\"fetch\"}"))
        .isEqualTo(15.0);
    assertThat(
            samples.get(
                "athena_gateway_rows_total{client=\"it\",kind=\"affected\",operation=\"insert\"}"))
        .isEqualTo(1.0);
    assertThat(samples.get("athena_uptime_seconds")).isPositive();
    assertThat(samples.keySet())
        .anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"))
        .anyMatch(k -> k.startsWith("process_cpu_usage"))
        .anyMatch(k -> k.startsWith("jvm_threads_live_threads"));
    assertThat(text).as("no request data in labels").doesNotContain(requestId);
  }

  /** Every sample line as {@code name{labels}} → value. */
  private static Map<String, Double> samples(String text) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      String labels = m.group(2) == null ? "" : m.group(2);
      samples.put(m.group(1) + labels, Double.parseDouble(m.group(3)));
    }
    return samples;
  }
}
