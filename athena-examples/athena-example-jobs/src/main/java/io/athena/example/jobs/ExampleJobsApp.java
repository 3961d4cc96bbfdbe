package io.athena.example.jobs;

import io.athena.core.Athena;
import io.athena.core.daemon.DaemonRole;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobEvent;
import io.athena.spi.jobs.JobRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Embeds Athena's job queue and daemon in a host: registers {@code email.send}, submits three jobs,
 * and prints every job event until all three are done. Run it with {@code mvn -q -pl
 * athena-examples/athena-example-jobs -am compile exec:java}.
 */
public final class ExampleJobsApp {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private ExampleJobsApp() {}

  public static void main(String[] args) throws InterruptedException {
    List<Job> jobs = run(System.out);
    System.exit(jobs.stream().allMatch(j -> j.status().isTerminal()) ? 0 : 1);
  }

  /** Runs the example, printing to {@code out}; returns the jobs as they ended. */
  public static List<Job> run(PrintStream out) throws InterruptedException {
    try (Athena athena =
        Athena.builder().daemon(DaemonRole.ALL, new EmailSendHandler()).build().start()) {
      List<Job> submitted = new ArrayList<>();
      for (String to : List.of("ann@example.com", "flaky@example.com", "bob@example.com")) {
        JobRequest request = JobRequest.of(EmailSendHandler.FAMILY, "{\"to\":\"" + to + "\"}");
        submitted.add(athena.jobs().submit(request.withIdempotencyKey("welcome:" + to)));
      }
      return watch(athena, submitted, out);
    }
  }

  /** Prints each new event as it appears, until every job has ended or the timeout passes. */
  private static List<Job> watch(Athena athena, List<Job> submitted, PrintStream out)
      throws InterruptedException {
    Set<Long> printed = new HashSet<>();
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (true) {
      List<Job> now = submitted.stream().map(j -> athena.jobs().get(j.id())).toList();
      for (Job job : now) {
        for (JobEvent e : athena.jobs().events(job.id())) {
          if (printed.add(e.eventId())) {
            out.printf("%s %-9s %-16s %s%n", job.id(), e.level(), e.kind(), e.message());
          }
        }
      }
      if (now.stream().allMatch(j -> j.status().isTerminal()) || Instant.now().isAfter(deadline)) {
        now.forEach(j -> out.printf("%s %s%n", j.id(), j.status().wireName()));
        return now;
      }
      // a host would react to its own events; polling the log is the simplest thing to show
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
