package io.athena.spi.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GatewayEventTest {
  private static final Instant TS = Instant.parse("2030-01-01T00:00:00Z");

  private static GatewayEvent everyFieldSet() {
    return new GatewayEvent(
        TS,
        "req",
        "trace",
        "span",
        "app",
        "POST",
        "/gateway/fetch",
        "fetch",
        "public",
        "users",
        "7",
        404,
        GatewayOutcome.CLIENT_ERROR,
        2.5,
        "postgres",
        "miss",
        1L,
        2L,
        "key",
        "not_found",
        "Not found",
        "ck",
        "user",
        "org",
        "company");
  }

  @Test
  void aBuiltEventStartsEmptyApartFromItsTimeAndOutcome() {
    GatewayEvent event = GatewayEvent.builder(TS, GatewayOutcome.SUCCESS).path("/ping").build();

    assertThat(event.ts()).isEqualTo(TS);
    assertThat(event.outcome()).isEqualTo(GatewayOutcome.SUCCESS);
    assertThat(event.path()).isEqualTo("/ping");
    assertThat(event.client()).isNull();
    assertThat(event.rowsReturned()).isNull();
    assertThat(event.statusCode()).isZero();
  }

  @Test
  void toBuilderCopiesEveryFieldAndChangesOnlyWhatIsSet() {
    GatewayEvent original = everyFieldSet();

    assertThat(original.toBuilder().build()).isEqualTo(original);
    GatewayEvent changed = original.toBuilder().client(null).tableName(null).build();
    assertThat(changed.client()).isNull();
    assertThat(changed.tableName()).isNull();
    assertThat(changed)
        .usingRecursiveComparison()
        .ignoringFields("client", "tableName")
        .isEqualTo(original);
  }

  @Test
  void theTimeAndOutcomeStayRequired() {
    assertThatThrownBy(() -> GatewayEvent.builder(TS, null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("outcome");
  }
}
