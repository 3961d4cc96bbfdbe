package io.athena.postgres.controlplane;

import io.athena.spi.telemetry.GatewayEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Binds an audit batch as the parallel arrays of {@link ControlPlaneSql#insertRequests()} and of
 * the two statistics upserts. Text is cleaned on the way: PostgreSQL refuses NUL characters in text
 * (one hostile path would otherwise fail a whole batch), and caller-controlled values are capped so
 * that no row grows without bound.
 */
final class AuditRows {
  static final int MAX_PATH = 2048;
  static final int MAX_MESSAGE = 1024;
  static final int MAX_TEXT = 256;

  private AuditRows() {}

  static void bindRequests(Connection c, PreparedStatement ps, List<GatewayEvent> events)
      throws SQLException {
    int n = events.size();
    String[][] text = new String[16][n];
    Integer[] status = new Integer[n];
    Double[] duration = new Double[n];
    for (int i = 0; i < n; i++) {
      GatewayEvent e = events.get(i);
      text[0][i] = e.ts().toString();
      text[1][i] = clean(e.requestId() == null ? "" : e.requestId(), MAX_TEXT);
      text[2][i] = clean(e.client(), MAX_TEXT);
      text[3][i] = clean(e.method() == null ? "" : e.method(), MAX_TEXT);
      text[4][i] = clean(e.path() == null ? "" : e.path(), MAX_PATH);
      text[5][i] = clean(e.tableName(), MAX_TEXT);
      text[6][i] = clean(e.operation(), MAX_TEXT);
      text[7][i] = clean(e.cache(), MAX_TEXT);
      text[8][i] = clean(e.userId(), MAX_TEXT);
      text[9][i] = clean(e.orgId(), MAX_TEXT);
      text[10][i] = clean(e.companyId(), MAX_TEXT);
      text[11][i] = clean(e.apiKeyId(), MAX_TEXT);
      text[12][i] = clean(e.errorCode(), MAX_TEXT);
      text[13][i] = clean(e.errorMessage(), MAX_MESSAGE);
      text[14][i] = clean(e.cacheKey(), MAX_TEXT);
      text[15][i] = clean(e.traceId(), MAX_TEXT);
      status[i] = e.statusCode();
      duration[i] = e.durationMs();
    }
    int p = 1;
    for (int column = 0; column < 5; column++) {
      ps.setArray(p++, c.createArrayOf("text", text[column]));
    }
    ps.setArray(p++, c.createArrayOf("int4", status));
    ps.setArray(p++, c.createArrayOf("float8", duration));
    for (int column = 5; column < 16; column++) {
      ps.setArray(p++, c.createArrayOf("text", text[column]));
    }
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
