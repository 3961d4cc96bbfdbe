package io.athena.core.daemon;

import io.athena.spi.jobs.JobContext;
import io.athena.spi.jobs.JobHandler;

/** A handler made of a lambda, for tests. */
final class TestHandler implements JobHandler {
  /** The body of one attempt. */
  @FunctionalInterface
  interface Body {
    String run(JobContext context) throws Exception;
  }

  private final String family;
  private final Body body;
  private final RetryDecision onFailure;

  private TestHandler(String family, Body body, RetryDecision onFailure) {
    this.family = family;
    this.body = body;
    this.onFailure = onFailure;
  }

  static TestHandler of(String family, Body body) {
    return new TestHandler(family, body, RetryDecision.RETRY);
  }

  static TestHandler permanent(String family, Body body) {
    return new TestHandler(family, body, RetryDecision.FAIL_PERMANENTLY);
  }

  @Override
  public String family() {
    return family;
  }

  @Override
  public String handle(JobContext context) throws Exception {
    return body.run(context);
  }

  @Override
  public RetryDecision retryDecision(Exception failure) {
    return onFailure;
  }
}
