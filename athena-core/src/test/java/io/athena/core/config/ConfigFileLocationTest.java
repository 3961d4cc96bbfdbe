package io.athena.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Finding the configuration file")
class ConfigFileLocationTest {
  private static final String WORK_FILE = "/srv/app/athena.yaml";
  private static final String WORK_CONFIG_FILE = "/srv/app/config/athena.yaml";
  private static final String HOME_FILE = "/home/ann/.athena/athena.yaml";

  private static String port(int port) {
    return "server:\n  port: " + port + "\n";
  }

  @Test
  void searchesTheWorkingDirectoryThenItsConfigFolderThenTheHomeDirectory() {
    InMemoryFiles files = new InMemoryFiles();

    AthenaConfig config = files.loader(Map.of()).load();

    assertThat(files.probed())
        .containsExactly(Path.of(WORK_FILE), Path.of(WORK_CONFIG_FILE), Path.of(HOME_FILE));
    assertThat(config).isEqualTo(AthenaConfig.defaults());
  }

  @Test
  void theFirstFileOfTheSearchListWins() {
    InMemoryFiles all =
        new InMemoryFiles()
            .with(WORK_FILE, port(1001))
            .with(WORK_CONFIG_FILE, port(1002))
            .with(HOME_FILE, port(1003));
    InMemoryFiles lastTwo =
        new InMemoryFiles().with(WORK_CONFIG_FILE, port(1002)).with(HOME_FILE, port(1003));
    InMemoryFiles homeOnly = new InMemoryFiles().with(HOME_FILE, port(1003));

    assertThat(all.loader(Map.of()).load().server().port()).isEqualTo(1001);
    assertThat(lastTwo.loader(Map.of()).load().server().port()).isEqualTo(1002);
    assertThat(homeOnly.loader(Map.of()).load().server().port()).isEqualTo(1003);
  }

  @Test
  void aFileNamedByAthenaConfigPathBeatsTheSearchList() {
    InMemoryFiles files =
        new InMemoryFiles().with(WORK_FILE, port(1001)).with("/etc/athena.yaml", port(2000));

    AthenaConfig config =
        files.loader(Map.of(AthenaConfig.CONFIG_PATH_ENV, "/etc/athena.yaml")).load();

    assertThat(config.server().port()).isEqualTo(2000);
    assertThat(files.probed()).containsExactly(Path.of("/etc/athena.yaml"));
  }

  @Test
  void relativeAndHomePathsInAthenaConfigPathAreResolved() {
    InMemoryFiles files =
        new InMemoryFiles().with("/srv/app/conf/a.yaml", port(3001)).with(HOME_FILE, port(3002));

    assertThat(files.loader(Map.of("ATHENA_CONFIG_PATH", "conf/a.yaml")).load().server().port())
        .isEqualTo(3001);
    assertThat(
            files
                .loader(Map.of("ATHENA_CONFIG_PATH", "~/.athena/athena.yaml"))
                .load()
                .server()
                .port())
        .isEqualTo(3002);
  }

  @Test
  void aNamedFileThatDoesNotExistIsAnErrorNotASilentFallbackToDefaults() {
    InMemoryFiles files = new InMemoryFiles().with(WORK_FILE, port(1001));

    assertThatThrownBy(() -> files.loader(Map.of("ATHENA_CONFIG_PATH", "/etc/missing.yaml")).load())
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "ATHENA_CONFIG_PATH was '/etc/missing.yaml' but no such file exists"
                            + " (looked for /etc/missing.yaml)"));
  }

  @Test
  void loadingAnExplicitPathThatDoesNotExistNamesIt() {
    assertThatThrownBy(() -> new InMemoryFiles().loader(Map.of()).load(Path.of("nope.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config file was 'nope.yaml' but no such file exists")
        .hasMessageContaining("/srv/app/nope.yaml");
  }

  @Test
  void anEmptyFileMeansDefaults() {
    InMemoryFiles files = new InMemoryFiles().with(WORK_FILE, "# nothing yet\n");

    assertThat(files.loader(Map.of()).load()).isEqualTo(AthenaConfig.defaults());
  }

  @Test
  void invalidYamlIsReportedWithItsPosition() {
    String yaml = "server:\n  port: [4052\n";

    assertThatThrownBy(() -> InMemoryFiles.loadYaml(yaml, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.source()).isEqualTo("/etc/athena/athena.yaml");
              assertThat(e.problems())
                  .singleElement()
                  .asString()
                  .contains("is not valid YAML", "line ");
            });
  }

  @Test
  void aKeyWrittenTwiceIsAnError() {
    String yaml = "server:\n  port: 1\n  port: 2\n";

    assertThatThrownBy(() -> InMemoryFiles.loadYaml(yaml, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Duplicate field 'port'");
  }

  @Test
  void theSearchListIsDocumentedAsAConstant() {
    assertThat(AthenaConfig.SEARCH_LIST)
        .isEqualTo(List.of("./athena.yaml", "./config/athena.yaml", "~/.athena/athena.yaml"));
  }
}
