package io.athena.core.config;

/** What the gateway does with a request that finds its admission limits full. */
public enum OverloadAction {
  /** Answer 429 {@code overloaded} with {@code Retry-After}: the caller retries later. */
  REJECT,
  /**
   * Answer 202 and run the request later as a {@code deferred} job; the caller polls {@code GET
   * /gateway/deferred/{request_id}} for the envelope.
   */
  DEFER
}
