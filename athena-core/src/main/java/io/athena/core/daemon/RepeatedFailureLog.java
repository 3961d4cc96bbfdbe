package io.athena.core.daemon;

import org.slf4j.Logger;

/**
 * Logs a background loop's failure once at WARN, then at DEBUG while the same failure repeats, and
 * once at INFO when the loop recovers: a database outage must not flood the log with one stack
 * trace per poll.
 */
final class RepeatedFailureLog {
  private final Logger log;
  private final String what;
  private String lastFailure;

  /**
   * @param what the loop, as it reads in a sentence ("daemon d-1 polling for jobs")
   */
  RepeatedFailureLog(Logger log, String what) {
    this.log = log;
    this.what = what;
  }

  synchronized void failed(Throwable failure) {
    String signature = failure.getClass().getName() + ": " + failure.getMessage();
    if (signature.equals(lastFailure)) {
      log.debug("{} failed again: {}", what, signature, failure);
      return;
    }
    lastFailure = signature;
    log.warn(
        "{} failed; repeats are logged at DEBUG until it recovers: {}", what, signature, failure);
  }

  synchronized void succeeded() {
    if (lastFailure != null) {
      log.info("{} works again after: {}", what, lastFailure);
      lastFailure = null;
    }
  }
}
