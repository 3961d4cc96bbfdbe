package io.athena.core.config;

import static io.athena.core.config.InMemoryFiles.loadYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code tracing} section and its nested {@code file_sinks}. */
class TracingConfigTest {

  @Test
  void withoutTheSectionFileSinksAreOff() {
    AthenaConfig config = loadYaml("server:\n  port: 4052\n", Map.of());

    assertThat(config.observability().tracing()).isEqualTo(TracingConfig.defaults());
    assertThat(config.observability().tracing().fileSinksEnabled()).isFalse();
    assertThat(config.describe())
        .contains("tracing.file_sinks.enabled = false")
        .contains("tracing.file_sinks.directory = logs")
        .contains("tracing.file_sinks.max_file_bytes = 67108864")
        .contains("tracing.file_sinks.max_files = 5")
        .contains("tracing.queue_capacity = 10000");
  }

  @Test
  void everyKeyBinds() {
    String yaml =
        """
        tracing:
          queue_capacity: 500
          file_sinks:
            enabled: true
            directory: /var/log/athena
            max_file_bytes: 1048576
            max_files: 9
        """;

    TracingConfig tracing = loadYaml(yaml, Map.of()).observability().tracing();

    assertThat(tracing)
        .isEqualTo(new TracingConfig(true, Path.of("/var/log/athena"), 1_048_576, 9, 500));
  }

  @Test
  void environmentOverridesNestedKeys() {
    TracingConfig tracing =
        loadYaml(
                "tracing:\n  file_sinks:\n    enabled: false\n",
                Map.of(
                    "ATHENA_TRACING_FILE_SINKS_ENABLED", "true",
                    "ATHENA_TRACING_FILE_SINKS_DIRECTORY", "/tmp/traces",
                    "ATHENA_TRACING_FILE_SINKS_MAX_FILE_BYTES", "4096",
                    "ATHENA_TRACING_FILE_SINKS_MAX_FILES", "2",
                    "ATHENA_TRACING_QUEUE_CAPACITY", "7"))
            .observability()
            .tracing();

    assertThat(tracing).isEqualTo(new TracingConfig(true, Path.of("/tmp/traces"), 4096, 2, 7));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml =
        """
        tracing:
          queue_capacity: 0
          file_sinks:
            enabled: yes please
            directory: " "
            max_file_bytes: 10
            max_files: 0
            max_file: 3
        """;
    assertThatThrownBy(() -> loadYaml(yaml, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(String.join("\n", e.problems()))
                    .contains("tracing.queue_capacity was '0' but must be between 1 and 1000000")
                    .contains(
                        "tracing.file_sinks.enabled was 'yes please' but must be true or false")
                    .contains("tracing.file_sinks.directory was ' ' but must name a directory")
                    .contains(
                        "tracing.file_sinks.max_file_bytes was '10' but must be between 1024 and")
                    .contains("tracing.file_sinks.max_files was '0' but must be between 1 and 1000")
                    .contains("tracing.file_sinks.max_file was '<masked>' but is not a known key")
                    .contains("did you mean 'max_files'?"));
  }

  @Test
  void fileSinksMustBeAMapping() {
    assertThatThrownBy(() -> loadYaml("tracing:\n  file_sinks: true\n", Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(String.join("\n", e.problems()))
                    .contains(
                        "tracing.file_sinks was '<boolean>' but must be a mapping with keys enabled,"
                            + " directory, max_file_bytes, max_files"));
  }

  @Test
  void aNearMissOfANestedOverrideIsReported() {
    EnvOverrides overrides = new EnvOverrides(Map.of("ATHENA_TRACING_FILE_SINK_ENABLED", "true"));

    assertThat(overrides.nearMisses())
        .containsExactly(
            new EnvOverrides.NearMiss(
                "ATHENA_TRACING_FILE_SINK_ENABLED", "ATHENA_TRACING_FILE_SINKS_ENABLED"));
  }
}
