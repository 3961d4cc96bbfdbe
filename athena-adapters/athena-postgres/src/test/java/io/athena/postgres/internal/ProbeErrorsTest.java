package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

class ProbeErrorsTest {
  private static final Duration WAIT = Duration.ofMillis(100);

  @Test
  void aBorrowTimeoutNamesTheWaitAndTheUnderlyingRefusalButNotTheDriversText() {
    PSQLException refused =
        new PSQLException(
            "Connection to db.internal:5432 refused. Check that the hostname and port are correct",
            PSQLState.CONNECTION_UNABLE_TO_CONNECT,
            new ConnectException("Connection refused"));
    SQLException timeout =
        new SQLTransientConnectionException(
            "athena-app - Connection is not available, request timed out after 100ms",
            "08001",
            refused);

    assertThat(ProbeErrors.describe(timeout, WAIT))
        .isEqualTo("no connection within 100ms: connection refused (SQLSTATE 08001)");
  }

  @Test
  void aBorrowTimeoutWithoutACauseSaysOnlyThat() {
    assertThat(
            ProbeErrors.describe(
                new SQLTransientConnectionException("athena-app - Connection is not available"),
                WAIT))
        .isEqualTo("no connection within 100ms");
  }

  @Test
  void theServersPrimaryMessageIsKeptWithoutItsDetailOrTheNamesItQuotes() {
    ServerErrorMessage server =
        new ServerErrorMessage(
            "SFATAL\0C28P01\0Mpassword authentication failed for user \"app\"\0Dsecret detail\0");
    SQLException e = new PSQLException(server);

    assertThat(ProbeErrors.describe(e, WAIT))
        .as("the route is public: the role stays unnamed")
        .isEqualTo("password authentication failed for user \"...\" (SQLSTATE 28P01)");
    ServerErrorMessage missing =
        new ServerErrorMessage("SFATAL\0C3D000\0Mdatabase \"billing_prod\" does not exist\0");
    assertThat(ProbeErrors.describe(new PSQLException(missing), WAIT))
        .isEqualTo("database \"...\" does not exist (SQLSTATE 3D000)");
  }

  @Test
  void aSocketTimeoutDuringTheQueryIsNamed() {
    SQLException e =
        new PSQLException(
            "An I/O error occurred while sending to the backend.",
            PSQLState.CONNECTION_FAILURE,
            new SocketTimeoutException("Read timed out"));

    assertThat(ProbeErrors.describe(e, WAIT))
        .isEqualTo("timed out waiting for the database (SQLSTATE 08006)");
  }

  @Test
  void anythingElseFallsBackToItsClass() {
    assertThat(ProbeErrors.describe(new SQLException("boom", "08003"), WAIT))
        .isEqualTo("connection failed (SQLSTATE 08003)");
    assertThat(ProbeErrors.describe(new SQLException("boom"), WAIT)).isEqualTo("query failed");
  }
}
