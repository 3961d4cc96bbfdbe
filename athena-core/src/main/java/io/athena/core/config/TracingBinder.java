package io.athena.core.config;

import static io.athena.core.config.ConfigKeys.DIRECTORY;
import static io.athena.core.config.ConfigKeys.ENABLED;
import static io.athena.core.config.ConfigKeys.FILE_SINKS;
import static io.athena.core.config.ConfigKeys.FILE_SINKS_KEYS;
import static io.athena.core.config.ConfigKeys.MAX_FILES;
import static io.athena.core.config.ConfigKeys.MAX_FILE_BYTES;
import static io.athena.core.config.ConfigKeys.QUEUE_CAPACITY;
import static io.athena.core.config.ConfigKeys.TRACING;
import static io.athena.core.config.ConfigKeys.TRACING_FILE_SINKS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Binds the {@code tracing} section and its nested {@code tracing.file_sinks}. */
final class TracingBinder {
  private final ConfigReader reader;

  TracingBinder(ConfigReader reader) {
    this.reader = reader;
  }

  TracingConfig bind(ObjectNode section) {
    TracingConfig d = TracingConfig.defaults();
    int queueCapacity =
        (int)
            reader.integer(
                section,
                TRACING,
                QUEUE_CAPACITY,
                d.queueCapacity(),
                1,
                ConfigKeys.MAX_TRACE_QUEUE_CAPACITY);
    ObjectNode files = reader.section(section, FILE_SINKS, TRACING_FILE_SINKS, FILE_SINKS_KEYS);
    return new TracingConfig(
        reader.bool(files, TRACING_FILE_SINKS, ENABLED).orElse(d.fileSinksEnabled()),
        directory(files, d.directory()),
        reader.integer(
            files,
            TRACING_FILE_SINKS,
            MAX_FILE_BYTES,
            d.maxFileBytes(),
            ConfigKeys.MIN_TRACE_FILE_BYTES,
            Long.MAX_VALUE),
        (int)
            reader.integer(
                files, TRACING_FILE_SINKS, MAX_FILES, d.maxFiles(), 1, ConfigKeys.MAX_TRACE_FILES),
        queueCapacity);
  }

  private Path directory(ObjectNode files, Path fallback) {
    Optional<ConfigReader.Setting> setting =
        reader.setting(files, TRACING_FILE_SINKS, DIRECTORY, false);
    if (setting.isEmpty()) {
      return fallback;
    }
    String text = setting.get().text();
    if (text.isBlank()) {
      reader.problem(setting.get(), "must name a directory");
      return fallback;
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      reader.problem(setting.get(), "is not a valid path (" + e.getReason() + ")");
      return fallback;
    }
  }
}
