package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.postgres.internal.SqlErrorTranslator.Origin;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class SqlErrorTranslatorTest {

  private static PSQLException server(String state, String message) {
    String fields =
        "SERROR\0C"
            + state
            + "\0M"
            + message
            + "\0DKey (email)=(secret@example.com) already exists.\0WSQL function \"f\"\0"
            + "qSELECT internal_query\0\0";
    return new PSQLException(new ServerErrorMessage(fields));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "23505,UNIQUE_VIOLATION,COMPILED",
    "23503,CONSTRAINT_VIOLATION,COMPILED",
    "23502,CONSTRAINT_VIOLATION,COMPILED",
    "23514,CONSTRAINT_VIOLATION,COMPILED",
    "23P01,CONSTRAINT_VIOLATION,COMPILED",
    "22P02,INVALID_VALUE,COMPILED",
    "22007,INVALID_VALUE,COMPILED",
    "22008,INVALID_VALUE,COMPILED",
    "22003,INVALID_VALUE,COMPILED",
    "22023,INVALID_VALUE,COMPILED",
    "42804,INVALID_VALUE,COMPILED",
    "42703,UNKNOWN_COLUMN,RAW_QUERY",
    "42P01,UNKNOWN_TABLE,RAW_QUERY",
    "57014,STATEMENT_TIMEOUT,COMPILED",
    "08006,DATABASE_UNAVAILABLE,COMPILED",
    "53300,DATABASE_UNAVAILABLE,COMPILED",
    "57P01,DATABASE_UNAVAILABLE,COMPILED",
    "57P03,DATABASE_UNAVAILABLE,COMPILED",
    "42601,QUERY_FAILED,RAW_QUERY",
    "42883,QUERY_FAILED,RAW_QUERY",
    "42601,INTERNAL_ERROR,COMPILED",
    "XX000,INTERNAL_ERROR,RAW_QUERY"
  })
  void mapsSqlStatesToStableCodes(String state, ErrorCode code, Origin origin) {
    GatewayException e = SqlErrorTranslator.translate(server(state, "boom"), "c", origin);

    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.details()).containsEntry("sqlstate", state);
    assertThat(e.getCause()).isInstanceOf(PSQLException.class);
  }

  @Test
  void callersSeeOnlyThePrimaryMessage() {
    GatewayException e =
        SqlErrorTranslator.translate(
            server("23505", "duplicate key value violates unique constraint \"u_email\""),
            "c",
            Origin.COMPILED);

    assertThat(e.getMessage())
        .isEqualTo("duplicate key value violates unique constraint \"u_email\"")
        .doesNotContain("secret@example.com", "internal_query", "SQL function");
  }

  @Test
  void timeoutsAndOutagesCarryRetryAfter() {
    assertThat(SqlErrorTranslator.translate(server("57014", "x"), "c", Origin.COMPILED))
        .extracting(GatewayException::retryAfterSeconds)
        .isEqualTo(1);
    assertThat(SqlErrorTranslator.translate(server("08001", "x"), "c", Origin.COMPILED))
        .extracting(GatewayException::retryAfterSeconds)
        .isEqualTo(5);
  }

  @Test
  void poolTimeoutsAreUnavailableAndNameTheClient() {
    GatewayException e =
        SqlErrorTranslator.translate(
            new SQLTransientConnectionException("athena-app - Connection is not available"),
            "app",
            Origin.COMPILED);

    assertThat(e.errorCode()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
    assertThat(e.getMessage()).isEqualTo("The database of client 'app' is unavailable");
    assertThat(e.retryAfterSeconds()).isEqualTo(5);
  }

  @Test
  void internalErrorsHideTheDriverMessage() {
    GatewayException e =
        SqlErrorTranslator.translate(
            new SQLException("weird driver state with SELECT secret", "XX001"),
            "c",
            Origin.COMPILED);

    assertThat(e.errorCode()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(e.getMessage()).doesNotContain("SELECT", "secret");
  }
}
