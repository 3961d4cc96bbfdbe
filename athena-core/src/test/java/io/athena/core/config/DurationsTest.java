package io.athena.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "''{0}'' is {1} ms")
  @CsvSource({
    "250ms, 250",
    "5s, 5000",
    "2m, 120000",
    "1h, 3600000",
    "1500, 1500",
    "0, 0",
    "' 5s ', 5000"
  })
  void parsesTheNotation(String text, long millis) {
    assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "''{0}'' is not a duration")
  @ValueSource(strings = {"", "s", "1.5s", "-5s", "5 s", "5S", "5d", "PT5S", "1234567890123"})
  void rejectsEverythingElse(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0} ms is written ''{1}''")
  @CsvSource({"250, 250ms", "5000, 5s", "120000, 2m", "7200000, 2h", "0, 0ms", "90000, 90s"})
  void formatsWithTheLargestExactUnit(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
  }
}
