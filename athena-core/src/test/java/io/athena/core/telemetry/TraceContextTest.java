package io.athena.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void aValidTraceparentIsContinuedWithANewSpan() {
    TraceContext context =
        TraceContext.continueOrStart(Optional.of("00-" + TRACE + "-00f067aa0ba902b7-00"));
    assertThat(context.traceId()).isEqualTo(TRACE);
    assertThat(context.spanId()).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7");
    assertThat(context.flags()).isEqualTo("00");
    assertThat(context.header()).isEqualTo("00-" + TRACE + "-" + context.spanId() + "-00");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x",
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01"
      })
  void anInvalidTraceparentStartsANewTrace(String header) {
    TraceContext context = TraceContext.continueOrStart(Optional.of(header));
    assertThat(context.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(TRACE);
    assertThat(context.spanId()).matches("[0-9a-f]{16}");
    assertThat(context.flags()).isEqualTo("01");
  }

  @Test
  void newTracesAreDistinct() {
    assertThat(TraceContext.start().traceId()).isNotEqualTo(TraceContext.start().traceId());
  }
}
