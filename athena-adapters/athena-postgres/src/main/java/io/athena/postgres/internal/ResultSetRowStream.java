package io.athena.postgres.internal;

import io.athena.spi.RowStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows read straight from an open JDBC result set. The statement runs with autocommit off and a
 * fetch size, so the driver pulls rows from a server-side portal {@value #FETCH_SIZE} at a time: a
 * 10 000-row result never sits in memory. The stream owns the connection until {@link #close()},
 * which commits the transaction (rolls it back after a failure) and returns the connection.
 */
final class ResultSetRowStream implements RowStream {
  private static final Logger LOG = LoggerFactory.getLogger(ResultSetRowStream.class);

  /** Rows per round trip: large enough to amortise latency, small enough to bound memory. */
  static final int FETCH_SIZE = 256;

  private final Connection connection;
  private final Statement statement;
  private final ResultSet resultSet;
  private final List<String> columns;
  private final ColumnReader[] readers;
  private final String client;
  private final SqlErrorTranslator.Origin origin;
  private boolean failed;
  private boolean closed;

  private ResultSetRowStream(
      Connection connection,
      Statement statement,
      ResultSet resultSet,
      String client,
      SqlErrorTranslator.Origin origin)
      throws SQLException {
    this.connection = connection;
    this.statement = statement;
    this.resultSet = resultSet;
    this.client = client;
    this.origin = origin;
    ResultSetMetaData meta = resultSet.getMetaData();
    int n = meta.getColumnCount();
    List<String> names = new ArrayList<>(n);
    this.readers = new ColumnReader[n];
    for (int i = 0; i < n; i++) {
      names.add(meta.getColumnLabel(i + 1));
      readers[i] = ColumnReader.forType(meta.getColumnTypeName(i + 1));
    }
    this.columns = List.copyOf(names);
  }

  /** Wraps an executed statement's result set; from now on the stream owns all three resources. */
  static ResultSetRowStream open(
      Connection connection,
      Statement statement,
      ResultSet resultSet,
      String client,
      SqlErrorTranslator.Origin origin)
      throws SQLException {
    return new ResultSetRowStream(connection, statement, resultSet, client, origin);
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean next() {
    if (closed) {
      return false;
    }
    try {
      return resultSet.next();
    } catch (SQLException e) {
      failed = true;
      throw SqlErrorTranslator.translate(e, client, origin);
    }
  }

  @Override
  public Object value(int index) {
    if (closed) {
      throw new IllegalStateException("The row stream is closed");
    }
    try {
      return readers[index].read(resultSet, index + 1);
    } catch (SQLException e) {
      failed = true;
      throw SqlErrorTranslator.translate(e, client, origin);
    }
  }

  /** The fetch size the statement runs with; exposed for tests of laziness. */
  int fetchSize() throws SQLException {
    return statement.getFetchSize();
  }

  /**
   * Commits (or, after a failure, rolls back) and releases the connection. A commit can still fail,
   * for example on a deferred constraint of a raw query; that failure is thrown, translated.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    quietly(resultSet);
    quietly(statement);
    try {
      Transactions.finish(connection, !failed);
    } catch (SQLException e) {
      throw SqlErrorTranslator.translate(e, client, origin);
    } finally {
      quietly(connection);
    }
  }

  private void quietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.debug("postgres client '{}': closing {} failed", client, resource.getClass(), e);
    }
  }
}
