package io.athena.postgres.controlplane;

import io.athena.spi.telemetry.GatewayEvent;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Encodes an audit batch for {@link ControlPlaneSql#copyRequests()} and binds the parallel arrays
 * of the two statistics upserts. Text is cleaned on the way: PostgreSQL refuses NUL characters in
 * text (one hostile path would otherwise fail a whole batch), and caller-controlled values are
 * capped so that no row grows without bound.
 */
final class AuditRows {
  static final int MAX_PATH = 2048;
  static final int MAX_MESSAGE = 1024;
  static final int MAX_TEXT = 256;

  private AuditRows() {}

  /** PostgreSQL's binary COPY header: signature, flags, header extension length. */
  private static final byte[] COPY_HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  private static final short COLUMNS = 18;

  /** PostgreSQL's timestamp epoch, 2000-01-01T00:00:00Z, in microseconds since 1970. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  /**
   * The batch as the body of {@link ControlPlaneSql#copyRequests()}: COPY's binary format, in its
   * column order. Binary spares the control plane parsing timestamps and numbers from text (about a
   * fifth of its cost per row) and needs no escaping.
   */
  static byte[] encode(List<GatewayEvent> events) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(events.size() * 320 + 32);
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      out.write(COPY_HEADER);
      for (GatewayEvent e : events) {
        out.writeShort(COLUMNS);
        out.writeInt(8);
        out.writeLong(micros(e.ts()) - PG_EPOCH_MICROS);
        text(out, clean(e.requestId() == null ? "" : e.requestId(), MAX_TEXT));
        text(out, clean(e.client(), MAX_TEXT));
        text(out, clean(e.method() == null ? "" : e.method(), MAX_TEXT));
        text(out, clean(e.path() == null ? "" : e.path(), MAX_PATH));
        out.writeInt(4);
        out.writeInt(e.statusCode());
        out.writeInt(8);
        out.writeDouble(e.durationMs());
        text(out, clean(e.tableName(), MAX_TEXT));
        text(out, clean(e.operation(), MAX_TEXT));
        text(out, clean(e.cache(), MAX_TEXT));
        text(out, clean(e.userId(), MAX_TEXT));
        text(out, clean(e.orgId(), MAX_TEXT));
        text(out, clean(e.companyId(), MAX_TEXT));
        text(out, clean(e.apiKeyId(), MAX_TEXT));
        text(out, clean(e.errorCode(), MAX_TEXT));
        text(out, clean(e.errorMessage(), MAX_MESSAGE));
        text(out, clean(e.cacheKey(), MAX_TEXT));
        text(out, clean(e.traceId(), MAX_TEXT));
      }
      out.writeShort(-1); // the trailer
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /** One text field: its length in bytes and its UTF-8, or length -1 for null. */
  private static void text(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static void bindClients(
      Connection c, PreparedStatement ps, List<StatisticsDeltas.ClientDelta> deltas)
      throws SQLException {
    int n = deltas.size();
    String[] names = new String[n];
    Long[][] counts = new Long[4][n];
    String[] last = new String[n];
    for (int i = 0; i < n; i++) {
      StatisticsDeltas.ClientDelta d = deltas.get(i);
      names[i] = d.client();
      counts[0][i] = d.total();
      counts[1][i] = d.successful();
      counts[2][i] = d.failed();
      counts[3][i] = d.cached();
      last[i] = d.lastAt().toString();
    }
    ps.setArray(1, c.createArrayOf("text", names));
    for (int k = 0; k < 4; k++) {
      ps.setArray(2 + k, c.createArrayOf("int8", counts[k]));
    }
    ps.setArray(6, c.createArrayOf("text", last));
  }

  static void bindTables(
      Connection c, PreparedStatement ps, List<StatisticsDeltas.TableDelta> deltas)
      throws SQLException {
    int n = deltas.size();
    String[][] keys = new String[3][n];
    Long[] total = new Long[n];
    Long[] errors = new Long[n];
    String[] last = new String[n];
    for (int i = 0; i < n; i++) {
      StatisticsDeltas.TableDelta d = deltas.get(i);
      keys[0][i] = d.client();
      keys[1][i] = d.table();
      keys[2][i] = d.operation();
      total[i] = d.total();
      errors[i] = d.errors();
      last[i] = d.lastAt().toString();
    }
    for (int k = 0; k < 3; k++) {
      ps.setArray(1 + k, c.createArrayOf("text", keys[k]));
    }
    ps.setArray(4, c.createArrayOf("int8", total));
    ps.setArray(5, c.createArrayOf("int8", errors));
    ps.setArray(6, c.createArrayOf("text", last));
  }

  /** Without NUL characters and at most {@code max} characters (never half a surrogate pair). */
  static String clean(String text, int max) {
    if (text == null) {
      return null;
    }
    String cleaned = text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    if (cleaned.length() <= max) {
      return cleaned;
    }
    int end = Character.isHighSurrogate(cleaned.charAt(max - 1)) ? max - 1 : max;
    return cleaned.substring(0, end);
  }
}
