package io.athena.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.Secret;
import io.athena.core.config.ServerConfig;
import io.athena.spi.Condition;
import io.athena.spi.CountMode;
import io.athena.spi.ErrorCode;
import io.athena.spi.FetchRequest;
import io.athena.spi.GatewayException;
import io.athena.spi.OperationResult;
import io.athena.spi.RowStream;
import io.athena.spi.SortKey;
import io.athena.spi.TableRef;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared plumbing of the integration tests: databases on the shared server, backends, rows. */
final class PostgresIt {
  private PostgresIt() {}

  static EmbeddedPostgresFixture server() {
    return EmbeddedPostgresFixture.shared();
  }

  /** A fresh database {@code name} with {@code ddl} applied; returns its URI. */
  static String freshDatabase(EmbeddedPostgresFixture pg, String name, String ddl) {
    pg.dropDatabase(name);
    String uri = pg.createDatabase(name);
    execute(pg, name, ddl);
    return uri;
  }

  static void execute(EmbeddedPostgresFixture pg, String database, String sql) {
    try (Connection c = pg.dataSource(database).getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("setup SQL failed: " + e.getMessage(), e);
    }
  }

  /** A backend built from config, as {@code Athena.fromConfig} would build it. */
  static PostgresBackend backend(String client, String uri, Duration statementTimeout) {
    PostgresClientConfig config =
        new PostgresClientConfig(
            client, Secret.of(uri), 4, Duration.ofSeconds(2), statementTimeout);
    Map<String, PostgresClientConfig> clients = new LinkedHashMap<>();
    clients.put(client, config);
    return PostgresBackend.from(
        new AthenaConfig(ServerConfig.defaults(), GatewayConfig.defaults(), clients));
  }

  static FetchRequest fetch(String table, Condition... conditions) {
    return new FetchRequest(
        new TableRef("public", table),
        List.of(),
        List.of(conditions),
        List.of(new SortKey("id", false)),
        null,
        null,
        null);
  }

  static FetchRequest fetchPage(
      String table, List<SortKey> order, Long limit, Long offset, CountMode count) {
    return new FetchRequest(
        new TableRef("public", table), List.of(), List.of(), order, limit, offset, count);
  }

  /** Reads and closes the result's rows as column → value maps. */
  static List<Map<String, Object>> rows(OperationResult result) {
    try (result) {
      RowStream rows = result.rows();
      List<Map<String, Object>> out = new ArrayList<>();
      while (rows.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < rows.columns().size(); i++) {
          row.put(rows.columns().get(i), rows.value(i));
        }
        out.add(row);
      }
      return out;
    }
  }

  /** The values of {@code column} in row order. */
  static List<Object> column(List<Map<String, Object>> rows, String column) {
    List<Object> values = new ArrayList<>();
    rows.forEach(r -> values.add(r.get(column)));
    return values;
  }

  static GatewayException assertGatewayError(ThrowingCallable call, ErrorCode code) {
    GatewayException[] caught = new GatewayException[1];
    assertThatThrownBy(call)
        .isInstanceOf(GatewayException.class)
        .satisfies(e -> caught[0] = (GatewayException) e)
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(code);
    return caught[0];
  }
}
