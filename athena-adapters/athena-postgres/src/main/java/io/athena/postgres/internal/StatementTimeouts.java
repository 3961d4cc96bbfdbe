package io.athena.postgres.internal;

import io.athena.spi.ExecutionOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Bounds the statements of one transaction by what is left of the request's time. The session's own
 * {@code statement_timeout} (the client's setting) stays in force when it is the smaller one: the
 * request's time only ever shortens it.
 */
final class StatementTimeouts {
  /**
   * {@code SET LOCAL statement_timeout} to the smaller of the session's value and the parameter (in
   * milliseconds); {@code 0}, PostgreSQL's "no timeout", counts as the larger.
   */
  static final String LOWER =
      "SELECT set_config('statement_timeout', CASE"
          + " WHEN current_setting('statement_timeout')::interval = interval '0'"
          + " OR current_setting('statement_timeout')::interval > ? * interval '1 millisecond'"
          + " THEN ?::text ELSE current_setting('statement_timeout') END, true)";

  /**
   * A request timeout within this much of the session's own timeout is not worth a round trip: the
   * session's setting already bounds the statement about as tightly.
   */
  static final Duration SLACK = Duration.ofSeconds(1);

  private StatementTimeouts() {}

  /**
   * The options with their timeout dropped when it would not shorten the session's own {@code
   * statement_timeout} by more than {@link #SLACK}; so a request that has its whole time left costs
   * no extra {@code SET} (and a write needs no transaction of its own).
   */
  static ExecutionOptions worthApplying(ExecutionOptions options, Optional<Duration> session) {
    if (options.timeout().isEmpty() || session.isEmpty() || session.get().isZero()) {
      return options;
    }
    Duration tightest = session.get().minus(SLACK);
    return options.timeout().get().compareTo(tightest) < 0 ? options : ExecutionOptions.none();
  }

  /**
   * Applies {@code options}' timeout to the open transaction of {@code c}; does nothing without
   * one. Must run inside the transaction (autocommit off), after any {@code SET TRANSACTION}: a
   * local setting ends with the transaction, so the pooled connection comes back unchanged.
   */
  static void apply(Connection c, ExecutionOptions options) throws SQLException {
    if (options.timeout().isEmpty()) {
      return;
    }
    long millis = Math.max(1, options.timeout().map(Duration::toMillis).orElseThrow());
    try (PreparedStatement ps = c.prepareStatement(LOWER)) {
      ps.setLong(1, millis);
      ps.setString(2, Long.toString(millis));
      ps.execute();
    }
  }
}
