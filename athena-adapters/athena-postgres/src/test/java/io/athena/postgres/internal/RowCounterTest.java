package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RowCounterTest {

  @Test
  void readsTheTopPlanRows() {
    String explain =
        "[{\"Plan\": {\"Node Type\": \"Seq Scan\", \"Plan Rows\": 1234,"
            + " \"Plans\": [{\"Plan Rows\": 9}]}}]";

    assertThat(RowCounter.planRows(explain)).isEqualTo(1234);
  }

  @Test
  void rejectsOutputWithoutPlanRows() {
    assertThatThrownBy(() -> RowCounter.planRows("[{}]")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RowCounter.planRows("not json"))
        .isInstanceOf(IllegalStateException.class);
  }
}
