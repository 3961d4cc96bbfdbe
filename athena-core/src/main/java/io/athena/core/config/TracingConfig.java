package io.athena.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Trace events ({@code gateway_trace} and job events) and their file sinks.
 *
 * @param fileSinksEnabled write {@code success.log} and {@code error.log} in {@code directory}
 * @param directory where the trace files go (relative to the working directory unless absolute)
 * @param maxFileBytes a file is rotated before a line would take it past this size
 * @param maxFiles rotated files kept per log ({@code success.log.1} is the newest; older ones are
 *     deleted)
 * @param queueCapacity events waiting to be written at most; a full queue drops and counts
 */
public record TracingConfig(
    boolean fileSinksEnabled, Path directory, long maxFileBytes, int maxFiles, int queueCapacity) {
  public static final Path DEFAULT_DIRECTORY = Path.of("logs");
  public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_MAX_FILES = 5;
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

  public TracingConfig {
    Objects.requireNonNull(directory, "directory");
  }

  public static TracingConfig defaults() {
    return new TracingConfig(
        false,
        DEFAULT_DIRECTORY,
        DEFAULT_MAX_FILE_BYTES,
        DEFAULT_MAX_FILES,
        DEFAULT_QUEUE_CAPACITY);
  }
}
