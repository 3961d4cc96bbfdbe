package io.athena.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterStatusTest {

  private static List<ClientHealth> clients(String statuses) {
    if (statuses.isBlank()) {
      return List.of();
    }
    return Arrays.stream(statuses.split(" "))
        .map(s -> ClientStatus.valueOf(s.toUpperCase(Locale.ROOT)))
        .map(
            status ->
                new ClientHealth(
                    "c",
                    status,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .toList();
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | ok",
        "online | ok",
        "online online | ok",
        "online offline | degraded",
        "online unknown | degraded",
        "offline | down",
        "offline unknown | down",
        "unknown | down",
        "frozen | ok",
        "frozen offline | down",
        "frozen online | ok",
        "frozen online offline | degraded"
      })
  void theOverallStatusCountsOnlineClientsAndLeavesFrozenOnesOut(String statuses, String expected) {
    assertThat(ClusterStatus.of(clients(statuses)).wireName()).isEqualTo(expected);
  }

  @Test
  void wireNamesAreLowerCase() {
    assertThat(ClusterStatus.DEGRADED.wireName()).isEqualTo("degraded");
    assertThat(ClientStatus.FROZEN.wireName()).isEqualTo("frozen");
  }
}
