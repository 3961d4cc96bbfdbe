package io.athena.core.telemetry;

import io.athena.spi.telemetry.TraceEvent;
import io.athena.spi.telemetry.TraceSink;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each trace event as its JSON line ({@link TraceJson}) on an SLF4J logger: {@code INFO}
 * events at INFO, {@code WARN} at WARN, {@code ERROR} at ERROR. The line is only built when the
 * logger has that level enabled, so a logger turned off costs a level check. It logs on the
 * caller's thread: give the logger an asynchronous appender when its destination can be slow.
 */
public final class LoggerTraceSink implements TraceSink {
  /** The logger of the {@code gateway_trace} event (contract §6). */
  public static final String GATEWAY_TRACE_LOGGER = "athena.gateway_trace";

  private final Logger logger;

  public LoggerTraceSink(Logger logger) {
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  /** A sink logging on {@value #GATEWAY_TRACE_LOGGER}. */
  public static LoggerTraceSink gatewayTrace() {
    return new LoggerTraceSink(LoggerFactory.getLogger(GATEWAY_TRACE_LOGGER));
  }

  @Override
  public void write(TraceEvent event) {
    if (event == null || event.level() == null) {
      return;
    }
    try {
      switch (event.level()) {
        case ERROR -> {
          if (logger.isErrorEnabled()) {
            logger.error(TraceJson.toJson(event));
          }
        }
        case WARN -> {
          if (logger.isWarnEnabled()) {
            logger.warn(TraceJson.toJson(event));
          }
        }
        case INFO -> {
          if (logger.isInfoEnabled()) {
            logger.info(TraceJson.toJson(event));
          }
        }
      }
    } catch (RuntimeException e) {
      // a sink never fails the request that traced: a broken event is a producer's bug
      logger.debug("a trace event of type {} could not be logged", event.getClass().getName(), e);
    }
  }
}
