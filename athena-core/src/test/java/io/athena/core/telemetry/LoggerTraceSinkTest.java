package io.athena.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athena.spi.telemetry.GatewayOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggerTraceSinkTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("athena.test.trace");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void capture() {
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void release() {
    logger.detachAppender(appender);
    logger.setLevel(null);
  }

  @Test
  void logsTheJsonLineAtTheEventsLevel() throws Exception {
    LoggerTraceSink sink = new LoggerTraceSink(logger);

    sink.write(TestEvents.gatewayEvent(GatewayOutcome.SUCCESS));
    sink.write(TestEvents.gatewayEvent(GatewayOutcome.REJECTED));
    sink.write(TestEvents.gatewayEvent(GatewayOutcome.SERVER_ERROR));

    assertThat(appender.list)
        .extracting(ILoggingEvent::getLevel)
        .containsExactly(Level.INFO, Level.WARN, Level.ERROR);
    String line = appender.list.get(0).getFormattedMessage();
    assertThat(new ObjectMapper().readTree(line).get("event").asText()).isEqualTo("gateway_trace");
  }

  @Test
  void levelsTheLoggerLeavesOutAreNotLogged() {
    logger.setLevel(Level.WARN);
    LoggerTraceSink sink = new LoggerTraceSink(logger);

    sink.write(TestEvents.gatewayEvent(GatewayOutcome.SUCCESS));
    sink.write(TestEvents.gatewayEvent(GatewayOutcome.CLIENT_ERROR));

    assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN);
  }

  @Test
  void theGatewayTraceSinkLogsOnTheContractsLogger() {
    Logger gatewayTrace = (Logger) LoggerFactory.getLogger("athena.gateway_trace");
    ListAppender<ILoggingEvent> traces = new ListAppender<>();
    traces.start();
    gatewayTrace.addAppender(traces);
    try {
      // ERROR: the test logging configuration keeps this logger at WARN
      LoggerTraceSink.gatewayTrace().write(TestEvents.gatewayEvent(GatewayOutcome.SERVER_ERROR));
    } finally {
      gatewayTrace.detachAppender(traces);
    }

    assertThat(traces.list).hasSize(1);
    assertThat(traces.list.get(0).getFormattedMessage()).contains("\"event\":\"gateway_trace\"");
  }
}
