package io.athena.spi;

import java.util.Objects;

/**
 * A value that already is JSON text (a {@code json} or {@code jsonb} column, say) and is written to
 * the response verbatim.
 */
public record RawJson(String json) {
  public RawJson {
    Objects.requireNonNull(json, "json");
  }
}
