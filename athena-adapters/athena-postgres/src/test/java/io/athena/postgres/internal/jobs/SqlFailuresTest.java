package io.athena.postgres.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.postgres.jobs.JobStoreException;
import io.athena.postgres.jobs.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

  @Test
  void connectionFailuresAreTransient() {
    for (String state : new String[] {"08001", "08006", "57P01", "53300", "57014", "40001"}) {
      JobStoreException e = SqlFailures.translate("claim jobs", new SQLException("x", state));
      assertThat(e).as("SQLSTATE %s", state).isInstanceOf(StoreUnavailableException.class);
      assertThat(e.isTransient()).isTrue();
      assertThat(e.sqlState()).isEqualTo(state);
    }
  }

  @Test
  void aPoolTimeoutIsTransient() {
    SQLException timeout =
        new SQLTransientConnectionException(
            "athena-jobs - Connection is not available, request timed out after 5000ms"
                + " (total=10, active=10, idle=0, waiting=3)");
    JobStoreException e = SqlFailures.translate("claim jobs", timeout);
    assertThat(e).isInstanceOf(StoreUnavailableException.class);
    assertThat(e.getMessage())
        .as("the pool's live state stays in the message")
        .contains("total=10, active=10, idle=0, waiting=3");
  }

  @Test
  void otherFailuresAreNotTransientAndNameTheOperation() {
    SQLException denied = new SQLException("permission denied for table athena_jobs", "42501");
    JobStoreException e = SqlFailures.translate("submit 1 job(s) of family 'mail'", denied);
    assertThat(e).isExactlyInstanceOf(JobStoreException.class);
    assertThat(e.isTransient()).isFalse();
    assertThat(e.getMessage())
        .isEqualTo(
            "Job store could not submit 1 job(s) of family 'mail': permission denied for table"
                + " athena_jobs (SQLSTATE 42501)");
    assertThat(e.getCause()).isSameAs(denied);
  }
}
