package io.athena.core.admission;

import java.util.Locale;

/** What admission control decided for one gateway request. */
public enum AdmissionDecision {
  /** Runs now, holding a slot until its response is written. */
  ADMITTED,
  /** Runs later as a {@code deferred} job; the caller gets 202 and polls. */
  DEFERRED,
  /** Refused with 429 {@code overloaded}; the caller retries after {@code Retry-After}. */
  REJECTED;

  /** The metric label value. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
