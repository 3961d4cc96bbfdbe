package io.athena.example.jobs;

import io.athena.spi.jobs.JobContext;
import io.athena.spi.jobs.JobHandler;

/**
 * The host's own family: "sends" an email by logging an event, as a real handler would call its
 * mail service. The first attempt of a message to {@code flaky@...} fails, to show a retry.
 */
final class EmailSendHandler implements JobHandler {
  static final String FAMILY = "email.send";

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public String handle(JobContext context) {
    String payload = context.job().payload();
    if (payload.contains("flaky@") && context.job().attempts() == 1) {
      throw new IllegalStateException("mail server busy, try again");
    }
    context.event("info", "email_sent", "sent " + payload, null);
    return "{\"delivered\":true}";
  }
}
