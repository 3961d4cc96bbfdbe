package io.athena.postgres.internal;

import io.athena.postgres.internal.SqlErrorTranslator.Origin;
import io.athena.spi.DeleteRequest;
import io.athena.spi.ErrorCode;
import io.athena.spi.ExecutionOptions;
import io.athena.spi.FetchRequest;
import io.athena.spi.GatewayException;
import io.athena.spi.GatewayOperation;
import io.athena.spi.InsertRequest;
import io.athena.spi.OperationResult;
import io.athena.spi.QueryRequest;
import io.athena.spi.RowStream;
import io.athena.spi.UpdateRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Everything one client needs to run operations: its data source, its cached catalog and a compiler
 * bound to it. Reads stream from an open transaction; writes are single statements run in
 * autocommit, so each one is atomic by itself.
 */
public final class ClientRuntime {
  private final String name;
  private final DataSource dataSource;
  private final CatalogCache catalog;
  private final SqlCompiler compiler;
  private final RawQueryRunner rawQueries;
  private final Optional<Duration> sessionStatementTimeout;
  private final PoolProbe health;

  /**
   * A client whose sessions' own {@code statement_timeout} is unknown (a host's data source): every
   * request timeout is applied.
   *
   * @param name the client name, for messages and logs
   * @param catalogTtl how long a catalog snapshot is trusted
   * @param clock the time source for the catalog TTL
   */
  public ClientRuntime(
      String name, DataSource dataSource, Duration catalogTtl, InstantSource clock) {
    this(name, dataSource, catalogTtl, clock, Optional.empty());
  }

  /**
   * @param sessionStatementTimeout the {@code statement_timeout} every session of {@code
   *     dataSource} already has, when known
   */
  public ClientRuntime(
      String name,
      DataSource dataSource,
      Duration catalogTtl,
      InstantSource clock,
      Optional<Duration> sessionStatementTimeout) {
    this.sessionStatementTimeout = Objects.requireNonNull(sessionStatementTimeout);
    this.name = Objects.requireNonNull(name, "name");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.catalog = new CatalogCache(name, new CatalogLoader(dataSource), catalogTtl, clock);
    this.compiler = new SqlCompiler(catalog);
    this.rawQueries = new RawQueryRunner(name);
    this.health = new PoolProbe(name, dataSource);
  }

  public String name() {
    return name;
  }

  /** The client's health probe and pool counters. */
  public PoolProbe health() {
    return health;
  }

  /** Runs one operation; every failure a caller should see is a {@link GatewayException}. */
  public OperationResult execute(GatewayOperation operation) {
    return execute(operation, ExecutionOptions.none());
  }

  /** Runs one operation with its statements bounded by {@code options}' timeout, if any. */
  public OperationResult execute(GatewayOperation operation, ExecutionOptions requested) {
    ExecutionOptions options = StatementTimeouts.worthApplying(requested, sessionStatementTimeout);
    if (operation instanceof FetchRequest fetch) {
      return fetch(compile(c -> c.fetch(fetch)), options);
    }
    if (operation instanceof InsertRequest insert) {
      return writeReturning(compile(c -> c.insert(insert)), options);
    }
    if (operation instanceof UpdateRequest update) {
      return writeReturning(compile(c -> c.update(update)), options);
    }
    if (operation instanceof DeleteRequest delete) {
      return delete(compile(c -> c.delete(delete)), options);
    }
    if (operation instanceof QueryRequest query) {
      return rawQueries.run(this::connection, query, options);
    }
    throw new GatewayException(ErrorCode.INVALID_REQUEST, "Unsupported operation " + operation);
  }

  // A column created since the snapshot was taken shows up as unknown: re-read once and retry.
  private <T> T compile(Function<SqlCompiler, T> compile) {
    try {
      return compile.apply(compiler);
    } catch (GatewayException e) {
      if (e.errorCode() == ErrorCode.UNKNOWN_COLUMN && catalog.refreshAfterMiss()) {
        return compile.apply(compiler);
      }
      throw e;
    }
  }

  private OperationResult fetch(CompiledFetch compiled, ExecutionOptions options) {
    Connection c = connection();
    PreparedStatement ps = null;
    try {
      if (needsTransaction(compiled, options)) {
        c.setAutoCommit(false);
        c.setReadOnly(true);
        if (compiled.count() != null) {
          // one snapshot for the count and the rows, so that they agree
          c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        // after the read-only and isolation settings, which cannot change inside a transaction
        StatementTimeouts.apply(c, options);
      }
      RowCounter.Count count = RowCounter.count(c, compiled.count());
      ps = c.prepareStatement(compiled.select().sql());
      ps.setFetchSize(ResultSetRowStream.FETCH_SIZE);
      ParamBinder.bind(ps, compiled.select().params());
      ResultSet rs = ps.executeQuery();
      RowStream rows = ResultSetRowStream.open(c, ps, rs, name, Origin.COMPILED);
      return new OperationResult(rows, -1, count.total(), 1 + count.statements());
    } catch (SQLException e) {
      closeQuietly(ps);
      Transactions.abandon(c);
      throw failed(e);
    } catch (RuntimeException e) {
      closeQuietly(ps);
      Transactions.abandon(c);
      throw e;
    }
  }

  /**
   * A cursor (and so a transaction) is needed only when the rows may outnumber one fetch batch, a
   * count must share their snapshot, or a timeout must be set locally. Without them the fetch is
   * one round trip: no BEGIN and no COMMIT on the hottest path of the gateway.
   */
  private static boolean needsTransaction(CompiledFetch compiled, ExecutionOptions options) {
    return !compiled.fitsOneBatch() || compiled.count() != null || options.timeout().isPresent();
  }

  private OperationResult writeReturning(SqlStatement statement, ExecutionOptions options) {
    return write(
        statement,
        options,
        ps -> {
          try (ResultSet rs = ps.executeQuery()) {
            List<Object[]> rows = new ArrayList<>();
            List<String> columns = Materializer.readAll(rs, rows);
            return new OperationResult(RowStream.of(columns, rows), rows.size(), null, 1);
          }
        });
  }

  private OperationResult delete(SqlStatement statement, ExecutionOptions options) {
    return write(
        statement,
        options,
        ps -> new OperationResult(RowStream.empty(), ps.executeLargeUpdate(), null, 1));
  }

  @FunctionalInterface
  private interface WriteRun {
    OperationResult run(PreparedStatement ps) throws SQLException;
  }

  /**
   * Runs one write statement: in autocommit without a timeout, else in a transaction of its own,
   * since a transaction-local timeout needs one (the single statement is atomic either way).
   */
  private OperationResult write(SqlStatement statement, ExecutionOptions options, WriteRun run) {
    try (Connection c = connection()) {
      boolean bounded = options.timeout().isPresent();
      if (bounded) {
        c.setAutoCommit(false);
        StatementTimeouts.apply(c, options);
      }
      OperationResult result;
      try (PreparedStatement ps = c.prepareStatement(statement.sql())) {
        ParamBinder.bind(ps, statement.params());
        result = run.run(ps);
      } catch (SQLException | RuntimeException e) {
        Transactions.abandon(c); // rolls back, never masking e; the pool takes a closed proxy
        throw e;
      }
      Transactions.finish(c, true);
      return result;
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private Connection connection() {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw SqlErrorTranslator.translate(e, name, Origin.COMPILED);
    }
  }

  // An unknown column or type mismatch from the server hints at a stale snapshot: re-read it
  // (rate-limited) so that the next request sees the new shape.
  private GatewayException failed(SQLException e) {
    GatewayException error = SqlErrorTranslator.translate(e, name, Origin.COMPILED);
    ErrorCode code = error.errorCode();
    if (code == ErrorCode.UNKNOWN_COLUMN
        || code == ErrorCode.UNKNOWN_TABLE
        || code == ErrorCode.QUERY_FAILED) {
      try {
        catalog.refreshAfterMiss();
      } catch (GatewayException refreshFailed) {
        error.addSuppressed(refreshFailed);
      }
    }
    return error;
  }

  private static void closeQuietly(AutoCloseable resource) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      // reporting the original failure matters more
    }
  }
}
