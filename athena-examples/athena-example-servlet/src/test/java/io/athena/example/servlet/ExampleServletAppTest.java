package io.athena.example.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExampleServletAppTest {

  @Test
  void portComesFromEitherSpellingOfTheFlag() {
    assertThat(ExampleServletApp.portArgument(new String[] {"--port", "8080"})).contains(8080);
    assertThat(ExampleServletApp.portArgument(new String[] {"--port=0"})).contains(0);
    assertThat(ExampleServletApp.portArgument(new String[0])).isEmpty();
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> ExampleServletApp.portArgument(new String[] {"--port", "http"}))
        .hasMessage("port was 'http' but must be 0-65535");
    assertThatThrownBy(() -> ExampleServletApp.portArgument(new String[] {"--port", "70000"}))
        .hasMessage("port was '70000' but must be 0-65535");
    assertThatThrownBy(() -> ExampleServletApp.portArgument(new String[] {"--port"}))
        .hasMessage("--port needs a value");
    assertThatThrownBy(() -> ExampleServletApp.portArgument(new String[] {"--verbose"}))
        .hasMessage("unknown argument '--verbose'");
  }

  @Test
  void roleComesFromTheFlagAndDefaultsToTheConfig() {
    assertThat(ExampleServletApp.roleArgument(new String[] {"--role", "api", "--port", "1"}))
        .contains(io.athena.core.daemon.DaemonRole.API);
    assertThat(ExampleServletApp.roleArgument(new String[] {"--role=clone-worker"}))
        .contains(io.athena.core.daemon.DaemonRole.CLONE_WORKER);
    assertThat(ExampleServletApp.roleArgument(new String[] {"--port", "1"})).isEmpty();
    assertThat(ExampleServletApp.portArgument(new String[] {"--role", "daemon", "--port", "9"}))
        .contains(9);
    assertThatThrownBy(() -> ExampleServletApp.roleArgument(new String[] {"--role", "worker"}))
        .hasMessage("role was 'worker' but must be api, daemon, clone-worker or all");
  }
}
