package io.athena.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.ObservabilityConfig;
import io.athena.core.config.TracingConfig;
import io.athena.spi.telemetry.TraceEvent;
import io.athena.spi.telemetry.TraceLevel;
import io.athena.spi.telemetry.TraceSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an Athena gets its trace sinks, and that closing it writes them out. */
class AthenaTraceSinksTest {
  @TempDir Path temp;

  @Test
  void withoutConfigOrHostSinksThereAreNone() {
    try (Athena athena = Athena.builder().build()) {
      assertThat(athena.traceSinks()).isEmpty();
    }
  }

  @Test
  void hostSinksComeFirstThenTheConfiguredFileSink() throws Exception {
    RecordingSink first = new RecordingSink();
    RecordingSink second = new RecordingSink();
    Path directory = temp.resolve("traces");
    AthenaConfig config =
        AthenaConfig.defaults()
            .withObservability(
                ObservabilityConfig.defaults()
                    .withTracing(new TracingConfig(true, directory, 1_000_000, 3, 100)));
    Athena athena = Athena.builder().config(config).traceSink(first).traceSink(second).build();

    assertThat(athena.traceSinks()).hasSize(3);
    assertThat(athena.traceSinks().subList(0, 2)).containsExactly(first, second);
    assertThat(athena.traceSinks().get(2)).isInstanceOf(FileTraceSink.class);
    assertThat(directory).as("building has no side effects").doesNotExist();

    TraceEvent event = TestEvents.numbered(TraceLevel.INFO, 1);
    athena.traceSinks().forEach(sink -> sink.write(event));
    athena.close();

    assertThat(first.events).containsExactly(event);
    assertThat(first.closed).isTrue();
    assertThat(second.closed).isTrue();
    assertThat(Files.readAllLines(directory.resolve(FileTraceSink.SUCCESS_LOG))).hasSize(1);
  }

  private static final class RecordingSink implements TraceSink {
    final List<TraceEvent> events = new ArrayList<>();
    boolean closed;

    @Override
    public void write(TraceEvent event) {
      events.add(event);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
