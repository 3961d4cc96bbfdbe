package io.athena.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athena.spi.telemetry.GatewayEvent;
import io.athena.spi.telemetry.GatewayOutcome;
import io.athena.spi.telemetry.TraceLevel;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TraceJsonTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void aGatewayEventIsTheContractLineInTheContractOrder() throws Exception {
    GatewayEvent event = TestEvents.gatewayEvent(GatewayOutcome.SUCCESS);

    JsonNode line = mapper.readTree(TraceJson.toJson(event));

    List<String> names = new ArrayList<>();
    line.fieldNames().forEachRemaining(names::add);
    List<String> expected = new ArrayList<>(List.of("ts", "level", "event"));
    expected.addAll(event.fields().keySet());
    assertThat(names).isEqualTo(expected);
    assertThat(line.get("ts").asText()).isEqualTo("2025-03-01T09:15:02.047Z");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("event").asText()).isEqualTo("gateway_trace");
    assertThat(line.get("request_id").asText()).isEqualTo("req-1");
    assertThat(line.get("outcome").asText()).isEqualTo("success");
  }

  @Test
  void numbersStayNumbersAndNullsStay() throws Exception {
    JsonNode line =
        mapper.readTree(TraceJson.toJson(TestEvents.gatewayEvent(GatewayOutcome.SUCCESS)));

    assertThat(line.get("status_code").isIntegralNumber()).isTrue();
    assertThat(line.get("status_code").asInt()).isEqualTo(200);
    assertThat(line.get("duration_ms").isFloatingPointNumber()).isTrue();
    assertThat(line.get("duration_ms").asDouble()).isEqualTo(12.5);
    assertThat(line.get("rows_returned").isIntegralNumber()).isTrue();
    assertThat(line.get("rows_returned").asLong()).isEqualTo(3L);
    assertThat(line.has("rows_affected")).as("null fields are kept").isTrue();
    assertThat(line.get("rows_affected").isNull()).isTrue();
    assertThat(line.get("resource_id").isNull()).isTrue();
  }

  @Test
  void aServerErrorIsAnErrorLevelLine() throws Exception {
    JsonNode line =
        mapper.readTree(TraceJson.toJson(TestEvents.gatewayEvent(GatewayOutcome.SERVER_ERROR)));

    assertThat(line.get("level").asText()).isEqualTo("ERROR");
  }

  @Test
  void theTimestampHasExactlyMillisecondsInUtc() {
    assertThat(json(Instant.parse("2025-12-31T23:59:59Z"))).isEqualTo("2025-12-31T23:59:59.000Z");
    assertThat(json(Instant.parse("1970-01-01T00:00:00.000999Z")))
        .isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(json(Instant.parse("2024-02-29T12:00:00.999999999Z")))
        .as("truncated, never rounded up into the next second")
        .isEqualTo("2024-02-29T12:00:00.999Z");
    assertThat(json(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59.500Z");
    assertThat(json(Instant.parse("+12025-01-01T00:00:00Z")))
        .isEqualTo("+12025-01-01T00:00:00.000Z");
  }

  @Test
  void valuesJsonCannotHoldAreWrittenSafely() throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("nan", Double.NaN);
    fields.put("exact", new BigDecimal("19.99"));
    fields.put("counter", new AtomicLong(42));
    fields.put("flag", true);
    fields.put("byte", (byte) 7);
    fields.put("other", List.of("a", "b"));
    fields.put("text", "line\nbreak \"quoted\" \u00e9\u2028");
    fields.put("at", Instant.parse("2025-03-01T09:15:02.047Z"));
    String json = json(fields);

    assertThat(json).doesNotContain("\n");
    JsonNode line = mapper.readTree(json);
    assertThat(line.get("nan").asText()).isEqualTo("NaN");
    assertThat(line.get("exact").decimalValue()).isEqualByComparingTo("19.99");
    assertThat(line.get("counter").asLong()).isEqualTo(42);
    assertThat(line.get("flag").asBoolean()).isTrue();
    assertThat(line.get("byte").asInt()).isEqualTo(7);
    assertThat(line.get("other").asText()).isEqualTo("[a, b]");
    assertThat(line.get("text").asText()).isEqualTo("line\nbreak \"quoted\" \u00e9\u2028");
    assertThat(line.get("at").asText()).isEqualTo("2025-03-01T09:15:02.047Z");
  }

  @Test
  void fieldsCannotOverrideTheEnvelope() throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("level", "DEBUG");
    fields.put("event", "forged");
    fields.put("ts", "yesterday");
    fields.put("kept", 1);

    JsonNode line = mapper.readTree(json(fields));

    assertThat(line.size()).isEqualTo(4);
    assertThat(line.get("level").asText()).isEqualTo("WARN");
    assertThat(line.get("event").asText()).isEqualTo("test_event");
    assertThat(line.get("kept").asInt()).isEqualTo(1);
  }

  @Test
  void theEncoderWritesOneLinePerEventWithNothingBetween() throws Exception {
    LineEncoder encoder = new LineEncoder();
    StringBuilder lines = new StringBuilder();
    for (int seq = 0; seq < 3; seq++) {
      encoder.encode(TestEvents.numbered(TraceLevel.INFO, seq));
      lines.append(new String(encoder.bytes(), 0, encoder.length(), StandardCharsets.UTF_8));
    }

    String[] split = lines.toString().split("\n", -1);
    assertThat(split).hasSize(4);
    assertThat(split[3]).isEmpty();
    for (int seq = 0; seq < 3; seq++) {
      assertThat(split[seq]).startsWith("{\"ts\":");
      assertThat(mapper.readTree(split[seq]).get("seq").asInt()).isEqualTo(seq);
    }
  }

  @Test
  void theEncoderRecoversFromAnEventThatThrows() throws Exception {
    LineEncoder encoder = new LineEncoder();
    Map<String, Object> broken =
        new LinkedHashMap<>() {
          @Override
          public java.util.Set<Map.Entry<String, Object>> entrySet() {
            throw new IllegalStateException("broken event");
          }
        };
    try {
      encoder.encode(new TestEvents.Plain(TestEvents.TS, TraceLevel.INFO, "broken", broken));
    } catch (IllegalStateException expected) {
      // the producer's bug; the next event must still come out whole
    }
    encoder.encode(TestEvents.numbered(TraceLevel.INFO, 9));

    String line = new String(encoder.bytes(), 0, encoder.length(), StandardCharsets.UTF_8);
    assertThat(line).endsWith("\n").startsWith("{\"ts\":");
    assertThat(mapper.readTree(line).get("seq").asInt()).isEqualTo(9);
  }

  private static String json(Instant ts) {
    String json = TraceJson.toJson(new TestEvents.Plain(ts, TraceLevel.INFO, "e", Map.of()));
    return json.substring("{\"ts\":\"".length(), json.indexOf('"', "{\"ts\":\"".length()));
  }

  private static String json(Map<String, Object> fields) {
    return TraceJson.toJson(
        new TestEvents.Plain(TestEvents.TS, TraceLevel.WARN, "test_event", fields));
  }
}
