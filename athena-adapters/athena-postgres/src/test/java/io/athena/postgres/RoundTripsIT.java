package io.athena.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.Condition;
import io.athena.spi.FetchRequest;
import io.athena.spi.OperationResult;
import io.athena.spi.Operator;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What one warm by-id fetch asks of the database. Every extra statement is a network round trip on
 * the hottest path of a gateway, so the budget is pinned here: a change that adds one fails.
 */
class RoundTripsIT {
  /** The JDBC calls that cost a round trip (or may, depending on the driver's state). */
  private static final Set<String> TALKS_TO_SERVER =
      Set.of(
          "execute",
          "executeQuery",
          "executeUpdate",
          "executeLargeUpdate",
          "executeBatch",
          "commit",
          "rollback",
          "setTransactionIsolation",
          "isValid");

  private final List<String> calls = new CopyOnWriteArrayList<>();

  @Test
  void aWarmFetchByIdIsOneQueryAndOneCommit() {
    EmbeddedPostgresFixture pg = PostgresIt.server();
    PostgresIt.freshDatabase(
        pg,
        "round_trips",
        "CREATE TABLE items (id int PRIMARY KEY, name text);"
            + " INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 10) g;");
    try (PostgresBackend backend =
        PostgresBackend.builder().client("rt", counting(pg.dataSource("round_trips"))).build()) {
      fetchById(backend, 1); // loads the catalog and the driver's column metadata
      fetchById(backend, 2);
      calls.clear();

      fetchById(backend, 3);

      assertThat(calls)
          .as("server calls of one warm fetch")
          .containsExactly("executeQuery", "commit");
    }
  }

  private void fetchById(PostgresBackend backend, int id) {
    FetchRequest fetch = PostgresIt.fetch("items", new Condition.Comparison("id", Operator.EQ, id));
    try (OperationResult result = backend.execute("rt", fetch)) {
      assertThat(result.rows().next()).isTrue();
      assertThat(result.rows().value(0)).isEqualTo(id);
    }
  }

  private DataSource counting(DataSource real) {
    return proxy(DataSource.class, real);
  }

  @SuppressWarnings("unchecked")
  private <T> T proxy(Class<T> type, T target) {
    InvocationHandler handler =
        (self, method, args) -> {
          if (TALKS_TO_SERVER.contains(method.getName())) {
            calls.add(method.getName());
          }
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          return wrap(result);
        };
    return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
  }

  private Object wrap(Object result) {
    if (result instanceof PreparedStatement ps) {
      return proxy(PreparedStatement.class, ps);
    }
    if (result instanceof Statement s) {
      return proxy(Statement.class, s);
    }
    if (result instanceof Connection c) {
      return proxy(Connection.class, c);
    }
    return result;
  }
}
