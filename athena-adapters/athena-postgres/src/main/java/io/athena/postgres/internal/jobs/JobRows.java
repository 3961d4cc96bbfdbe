package io.athena.postgres.internal.jobs;

import static io.athena.postgres.internal.jobs.StatementRunner.instant;

import io.athena.spi.jobs.DaemonInfo;
import io.athena.spi.jobs.Job;
import io.athena.spi.jobs.JobEvent;
import io.athena.spi.jobs.JobId;
import io.athena.spi.jobs.JobStatus;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;

/** Maps the store's rows to SPI records; column orders are those of {@link JobSql}. */
final class JobRows {

  /** A job and its insertion sequence number, which the list cursor needs. */
  record SequencedJob(Job job, long seq) {}

  private JobRows() {}

  static Job job(ResultSet rs) throws SQLException {
    return new Job(
        new JobId(rs.getString(1)),
        rs.getString(2),
        rs.getString(3),
        status(rs.getString(4)),
        rs.getInt(5),
        instant(rs, 6),
        rs.getInt(7),
        rs.getInt(8),
        rs.getString(9),
        rs.getString(10),
        instant(rs, 11),
        rs.getString(12),
        rs.getString(13),
        instant(rs, 14),
        instant(rs, 15));
  }

  static SequencedJob sequencedJob(ResultSet rs) throws SQLException {
    return new SequencedJob(job(rs), rs.getLong(16));
  }

  static JobEvent event(ResultSet rs) throws SQLException {
    return new JobEvent(
        rs.getLong(1),
        new JobId(rs.getString(2)),
        instant(rs, 3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8));
  }

  static DaemonInfo daemon(ResultSet rs) throws SQLException {
    Array families = rs.getArray(3);
    String[] names = families == null ? new String[0] : (String[]) families.getArray();
    return new DaemonInfo(
        rs.getString(1),
        rs.getString(2),
        Set.of(names),
        rs.getString(4),
        instant(rs, 5),
        instant(rs, 6),
        rs.getString(7));
  }

  static JobStatus status(String wireName) throws SQLException {
    return JobStatus.fromWireName(wireName)
        .orElseThrow(() -> new SQLException("unknown job status '" + wireName + "' in the table"));
  }

  /** PostgreSQL keeps microseconds: truncating first keeps what we return equal to what we read. */
  static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }
}
