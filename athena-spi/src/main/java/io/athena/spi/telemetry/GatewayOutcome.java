package io.athena.spi.telemetry;

/** How a gateway request ended, as traces, metrics and the audit log name it. */
public enum GatewayOutcome {
  /** 2xx (other than a deferral). */
  SUCCESS("success"),
  /** 4xx other than an admission rejection: the caller's request was wrong or not allowed. */
  CLIENT_ERROR("client_error"),
  /** 5xx, or a response that failed while it streamed. */
  SERVER_ERROR("server_error"),
  /** Accepted for later: 202 with a deferred job. */
  DEFERRED("deferred"),
  /** Turned away by admission control or a rate limit (429). */
  REJECTED("rejected");

  private final String wireName;

  GatewayOutcome(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * The trace level of this outcome: server errors are {@code ERROR}, client errors {@code WARN}.
   */
  public TraceLevel level() {
    return switch (this) {
      case SERVER_ERROR -> TraceLevel.ERROR;
      case CLIENT_ERROR, REJECTED -> TraceLevel.WARN;
      case SUCCESS, DEFERRED -> TraceLevel.INFO;
    };
  }
}
