package io.athena.core.config;

import static io.athena.core.config.InMemoryFiles.loadYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code health} section. */
class HealthConfigTest {

  private static HealthConfig health(String yaml, Map<String, String> env) {
    return loadYaml(yaml, env).observability().health();
  }

  private static String problems(String yaml, Map<String, String> env) {
    try {
      loadYaml(yaml, env);
    } catch (ConfigException e) {
      return String.join("\n", e.problems());
    }
    throw new AssertionError("expected problems in:\n" + yaml);
  }

  @Test
  void withoutTheSectionTheDefaultsApply() {
    assertThat(health("", Map.of())).isEqualTo(HealthConfig.defaults());
    assertThat(HealthConfig.defaults().probeInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(HealthConfig.defaults().probeTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(HealthConfig.defaults().mirrors()).isEmpty();
  }

  @Test
  void everyKeyBindsAndMirrorsLoseATrailingSlash() {
    String yaml =
        """
        health:
          probe_interval: 5s
          probe_timeout: 500ms
          mirrors:
            - http://athena-2:4052/
            - https://athena-3.example.com/athena
        """;
    AthenaConfig config = loadYaml(yaml, Map.of());

    assertThat(config.observability().health())
        .isEqualTo(
            new HealthConfig(
                Duration.ofSeconds(5),
                Duration.ofMillis(500),
                List.of(
                    URI.create("http://athena-2:4052"),
                    URI.create("https://athena-3.example.com/athena"))));
    assertThat(config.describe())
        .contains("health.probe_interval = 5s")
        .contains("health.probe_timeout = 500ms")
        .contains("health.mirrors = http://athena-2:4052, https://athena-3.example.com/athena");
  }

  @Test
  void mirrorsMayBeOneCommaSeparatedString() {
    assertThat(health("health:\n  mirrors: \"http://a:1, http://b:2\"\n", Map.of()).mirrors())
        .containsExactly(URI.create("http://a:1"), URI.create("http://b:2"));
  }

  @Test
  void environmentOverridesEveryKeyAndWinsOverAFileList() {
    HealthConfig health =
        health(
            "health:\n  mirrors:\n    - http://from-file:1\n",
            Map.of(
                "ATHENA_HEALTH_PROBE_INTERVAL", "1s",
                "ATHENA_HEALTH_PROBE_TIMEOUT", "250ms",
                "ATHENA_HEALTH_MIRRORS", "http://env-a:1,http://env-b:2"));

    assertThat(health.probeInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(health.probeTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(health.mirrors())
        .containsExactly(URI.create("http://env-a:1"), URI.create("http://env-b:2"));
  }

  @Test
  void everyProblemIsReportedAtOnceWithPasswordsMasked() {
    String yaml =
        """
        health:
          probe_interval: 0
          probe_timeout: soon
          mirrors:
            - ftp://files:21
            - http://user:hunter2@athena-2:4052
            - http://athena-2:4052?x=1
            - /relative
            - http://ok:1
            - http://ok:1/
            - [nested]
          probes: 3
        """;
    String problems = problems(yaml, Map.of());

    assertThat(problems)
        .contains("health.probe_interval was '0' but must be between 10ms and 1h")
        .contains("health.probe_timeout was 'soon' but must be a duration")
        .contains(
            "health.mirrors[0] was 'ftp://files:21' but must be an http or https URL such as"
                + " http://athena-2:4052")
        .contains(
            "health.mirrors[1] was 'http://user:<masked>@athena-2:4052' but must not carry"
                + " credentials")
        .contains("health.mirrors[2] was 'http://athena-2:4052?x=1' but must be a base URL")
        .contains("health.mirrors[3] was '/relative' but must be an http or https URL")
        .contains("health.mirrors[5] was 'http://ok:1/' but is listed twice")
        .contains("health.mirrors[6] was '<list>' but must be a single value")
        .contains("health.probes was '<masked>' but is not a known key")
        .doesNotContain("hunter2");
  }

  @Test
  void handBuiltConfigsRefuseNonPositiveDurations() {
    assertThatThrownBy(() -> new HealthConfig(Duration.ZERO, Duration.ofSeconds(1), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("probeInterval was 'PT0S' but must be positive");
  }
}
