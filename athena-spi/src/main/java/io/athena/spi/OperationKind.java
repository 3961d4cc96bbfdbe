package io.athena.spi;

import java.util.Locale;

/** The kinds of gateway operation; the lower-case name is used in envelopes, traces and metrics. */
public enum OperationKind {
  FETCH,
  INSERT,
  UPDATE,
  DELETE,
  QUERY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
