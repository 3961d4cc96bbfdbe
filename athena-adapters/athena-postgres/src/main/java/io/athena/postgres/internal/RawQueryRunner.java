package io.athena.postgres.internal;

import io.athena.postgres.internal.SqlErrorTranslator.Origin;
import io.athena.spi.ErrorCode;
import io.athena.spi.ExecutionOptions;
import io.athena.spi.GatewayException;
import io.athena.spi.OperationResult;
import io.athena.spi.QueryRequest;
import io.athena.spi.RowStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs a caller's raw SQL in one transaction: an optional {@code SET LOCAL search_path}, then each
 * statement in order. The last statement's rows stream lazily and the transaction commits when the
 * stream closes; earlier statements' rows are discarded. Several statements are allowed only
 * without params, since a param list cannot say which statement it belongs to.
 */
final class RawQueryRunner {
  /** The statements read-only raw SQL may start with. */
  static final List<String> READ_KEYWORDS =
      List.of("select", "with", "values", "table", "show", "explain");

  private final String client;

  RawQueryRunner(String client) {
    this.client = client;
  }

  /**
   * Validates {@code query}, then runs it on a connection from {@code connections}, which the
   * result (or a failure) releases.
   */
  OperationResult run(Supplier<Connection> connections, QueryRequest query) {
    return run(connections, query, ExecutionOptions.none());
  }

  /** {@link #run(Supplier, QueryRequest)} with every statement bounded by {@code options}. */
  OperationResult run(
      Supplier<Connection> connections, QueryRequest query, ExecutionOptions options) {
    List<RawSql.Statement> statements = validated(query);
    Connection c = connections.get();
    try {
      c.setAutoCommit(false);
      if (query.readOnly()) {
        readOnly(c);
      }
      // after SET TRANSACTION, which must come first in a transaction
      StatementTimeouts.apply(c, options);
      if (query.schema() != null) {
        setSearchPath(c, query.schema());
      }
      long affected = 0;
      for (RawSql.Statement s : statements.subList(0, statements.size() - 1)) {
        affected += runDiscarding(c, s);
      }
      RawSql.Statement last = statements.get(statements.size() - 1);
      return runLast(c, last, query.params(), affected, statements.size());
    } catch (SQLException e) {
      Transactions.abandon(c);
      throw SqlErrorTranslator.translate(e, client, Origin.RAW_QUERY);
    } catch (RuntimeException e) {
      Transactions.abandon(c);
      throw e;
    }
  }

  static List<RawSql.Statement> validated(QueryRequest query) {
    List<RawSql.Statement> statements = RawSql.parse(query.sql());
    if (statements.isEmpty()) {
      throw invalid("The query is empty");
    }
    if (query.readOnly()) {
      statements.forEach(RawQueryRunner::checkReadOnly);
    }
    if (statements.size() > 1 && !query.params().isEmpty()) {
      throw invalid(
          "Params are allowed only with a single statement; the query has " + statements.size());
    }
    for (RawSql.Statement s : statements) {
      if (s.paramIndexes().stream().anyMatch(i -> i < 0)) {
        throw invalid("Placeholders are numbered from $1");
      }
      if (s.maxParam() > query.params().size()) {
        throw invalid(
            "The query uses $"
                + s.maxParam()
                + " but "
                + query.params().size()
                + " params were given");
      }
    }
    if (query.schema() != null) {
      SqlIdentifier.of("schema", query.schema());
    }
    return statements;
  }

  /**
   * Read-only raw SQL may only start with a reading keyword. The transaction is READ ONLY as well,
   * which stops writes hidden inside (a data-modifying CTE, EXPLAIN ANALYZE, a function); the
   * keyword check stops what could end or loosen that transaction (COMMIT, SET TRANSACTION).
   */
  private static void checkReadOnly(RawSql.Statement statement) {
    String keyword = firstKeyword(statement.jdbcSql());
    if (!READ_KEYWORDS.contains(keyword)) {
      throw new GatewayException(
          ErrorCode.FORBIDDEN,
          "Raw SQL is read-only for this client: statements must start with one of "
              + READ_KEYWORDS);
    }
  }

  /** The first word of {@code sql} in lower case, past spaces, comments and opening brackets. */
  static String firstKeyword(String sql) {
    int i = 0;
    while (i < sql.length()) {
      char ch = sql.charAt(i);
      if (Character.isWhitespace(ch) || ch == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return sql.substring(start, i).toLowerCase(Locale.ROOT);
  }

  private static void readOnly(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION READ ONLY");
    }
  }

  private static void setSearchPath(Connection c, String schema) throws SQLException {
    String quoted = SqlIdentifier.of("schema", schema).quoted();
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL search_path TO " + quoted + ", public");
    }
  }

  private static long runDiscarding(Connection c, RawSql.Statement statement) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(statement.jdbcSql())) {
      return ps.execute() ? 0 : Math.max(0, ps.getLargeUpdateCount());
    }
  }

  private OperationResult runLast(
      Connection c,
      RawSql.Statement statement,
      List<Object> params,
      long affectedBefore,
      int statementCount)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(statement.jdbcSql());
    try {
      ps.setFetchSize(ResultSetRowStream.FETCH_SIZE);
      ParamBinder.bindRaw(ps, statement.paramIndexes(), params);
      if (ps.execute()) {
        RowStream rows =
            ResultSetRowStream.open(c, ps, ps.getResultSet(), client, Origin.RAW_QUERY);
        return new OperationResult(rows, affectedBefore, null, statementCount);
      }
      long affected = affectedBefore + Math.max(0, ps.getLargeUpdateCount());
      ps.close();
      Transactions.finish(c, true);
      c.close();
      return new OperationResult(RowStream.empty(), affected, null, statementCount);
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  private static GatewayException invalid(String message) {
    return new GatewayException(ErrorCode.INVALID_REQUEST, message);
  }
}
