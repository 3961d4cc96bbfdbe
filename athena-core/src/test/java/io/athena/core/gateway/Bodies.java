package io.athena.core.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.core.json.Json;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test bodies written with single quotes ({@code {'a':1}}) for readability. */
final class Bodies {
  private Bodies() {}

  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  static Fields of(String singleQuoted) {
    return Fields.body(Json.parse(json(singleQuoted).getBytes(StandardCharsets.UTF_8)));
  }

  /** Asserts a {@link GatewayException} with this code whose message contains {@code message}. */
  static void assertRejected(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining(message)
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(((GatewayException) e).errorCode())
                    .as("error code of: %s", e.getMessage())
                    .isEqualTo(code));
  }
}
