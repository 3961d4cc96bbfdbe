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
}
