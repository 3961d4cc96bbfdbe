package io.athena.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrisTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " -> ",
      value = {
        "postgres://app:secret@db:5432/reporting -> postgres://app:<masked>@db:5432/reporting",
        "postgresql://app:secret@h1:5432,h2:5433/db -> postgresql://app:<masked>@h1:5432,h2:5433/db",
        "postgres://:secret@db/x -> postgres://:<masked>@db/x",
        "postgres://app@db/x -> postgres://app@db/x",
        "postgres://db/x -> postgres://db/x",
        "postgres://app:p@ss@db/x -> postgres://app:<masked>@db/x",
        "postgres://app:pa/ss@db/x -> postgres://app:<masked>@db/x",
        "jdbc:postgresql://db:5432/billing?user=app&password=secret ->"
            + " jdbc:postgresql://db:5432/billing?user=app&password=<masked>",
        "jdbc:postgresql://db/b?user=app@azure-server&password=secret&sslmode=require ->"
            + " jdbc:postgresql://db/b?user=app@azure-server&password=<masked>&sslmode=require",
        "jdbc:postgresql://db/b?sslpassword=secret&PASSWORD=secret ->"
            + " jdbc:postgresql://db/b?sslpassword=<masked>&PASSWORD=<masked>",
        "postgres://app:secret@db/x?password=secret2 ->"
            + " postgres://app:<masked>@db/x?password=<masked>",
        "host=db user=app password=secret dbname=x -> host=db user=app password=<masked> dbname=x",
        "host=db password = 'sec ret' -> host=db password = <masked>",
      })
  void masksEveryPassword(String uri, String masked) {
    assertThat(Uris.maskPassword(uri)).isEqualTo(masked);
  }

  @org.junit.jupiter.api.Test
  void nullStaysNull() {
    assertThat(Uris.maskPassword(null)).isNull();
  }
}
