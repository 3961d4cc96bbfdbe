package io.athena.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL 15 server for integration tests, started from the zonky embedded binaries (no
 * Docker needed). The superuser is {@code postgres} and connects without a password.
 *
 * <p>Most tests share one server per JVM and give themselves a database of their own:
 *
 * <pre>{@code
 * EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();
 * String uri = pg.createDatabase("orders_it");   // postgres://postgres@localhost:<port>/orders_it
 * DataSource ds = pg.dataSource("orders_it");    // for schema setup
 * }</pre>
 *
 * <p>Tests that take a server down (to check 503 answers, reconnects, ...) start a private one and
 * close it when done, so that the shared server stays up for everyone else:
 *
 * <pre>{@code
 * try (EmbeddedPostgresFixture down = EmbeddedPostgresFixture.newInstance()) {
 *   String uri = down.createDatabase("app");
 *   down.stop();   // connections now fail
 *   down.start();  // same port, same data
 * }
 * }</pre>
 *
 * <p>Every method is thread-safe. Servers are stopped and their data directories deleted by a JVM
 * shutdown hook, so forgetting {@link #close()} leaks nothing beyond the test run.
 */
public final class EmbeddedPostgresFixture implements AutoCloseable {

  /** The superuser every embedded server is initialised with. */
  public static final String SUPERUSER = "postgres";

  // Database names are restricted so that tests can splice them into URIs and DDL unquoted.
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  private static final Object SHARED_LOCK = new Object();
  private static volatile EmbeddedPostgresFixture shared;

  private final boolean sharedInstance;
  private final Path dataDirectory;
  private final Thread shutdownHook;
  private int port;
  private EmbeddedPostgres server;
  private boolean closed;

  private EmbeddedPostgresFixture(boolean sharedInstance) {
    this.sharedInstance = sharedInstance;
    this.dataDirectory = createDataDirectory();
    this.shutdownHook = new Thread(this::release, "athena-testkit-postgres-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * The server shared by every test of this JVM, started on first use. It cannot be stopped or
   * closed by tests ({@link #stop()} throws, {@link #close()} does nothing); it goes away with the
   * JVM.
   */
  public static EmbeddedPostgresFixture shared() {
    EmbeddedPostgresFixture result = shared;
    if (result == null) {
      synchronized (SHARED_LOCK) {
        result = shared;
        if (result == null) {
          result = new EmbeddedPostgresFixture(true);
          result.start();
          shared = result;
        }
      }
    }
    return result;
  }

  /**
   * A private, running server that the caller owns: it may {@link #stop()} and {@link #start()} it
   * and should {@link #close()} it when done.
   */
  public static EmbeddedPostgresFixture newInstance() {
    EmbeddedPostgresFixture fixture = new EmbeddedPostgresFixture(false);
    fixture.start();
    return fixture;
  }

  /** The TCP port on localhost; stable across {@link #stop()} and {@link #start()}. */
  public synchronized int port() {
    requireOpen();
    return port;
  }

  /** Whether the server is running right now. */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /**
   * Creates the database {@code name} unless it exists, and returns its URI, {@code
   * postgres://postgres@localhost:<port>/<name>}. Calling it twice with one name is fine (test
   * classes that share a JVM may both ask for {@code "app"}); use {@link #dropDatabase} first for a
   * guaranteed empty database.
   *
   * @param name lower-case letters, digits and underscores, at most 63 characters
   * @throws IllegalArgumentException for any other name
   */
  public synchronized String createDatabase(String name) {
    requireValidName(name);
    requireRunning();
    try (Connection c = dataSource("postgres").getConnection()) {
      if (!databaseExists(c, name)) {
        try (Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database '" + name + "'", e);
    }
    return uri(name);
  }

  /** Drops the database {@code name} if it exists, disconnecting its sessions. */
  public synchronized void dropDatabase(String name) {
    requireValidName(name);
    requireRunning();
    try (Connection c = dataSource("postgres").getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not drop database '" + name + "'", e);
    }
  }

  /** {@code postgres://postgres@localhost:<port>/<name>}; the database need not exist yet. */
  public String uri(String name) {
    requireValidName(name);
    return "postgres://" + SUPERUSER + "@localhost:" + port() + "/" + name;
  }

  /** {@code jdbc:postgresql://localhost:<port>/<name>?user=postgres}. */
  public String jdbcUrl(String name) {
    requireValidName(name);
    return "jdbc:postgresql://localhost:" + port() + "/" + name + "?user=" + SUPERUSER;
  }

  /** An unpooled data source for the superuser on database {@code name}, for schema setup. */
  public DataSource dataSource(String name) {
    requireValidName(name);
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"localhost"});
    ds.setPortNumbers(new int[] {port()});
    ds.setDatabaseName(name);
    ds.setUser(SUPERUSER);
    return ds;
  }

  /**
   * Stops the server; its data stays. Connections fail until {@link #start()}.
   *
   * @throws IllegalStateException on the {@link #shared()} server
   */
  public synchronized void stop() {
    if (sharedInstance) {
      throw new IllegalStateException(
          "The shared embedded PostgreSQL cannot be stopped; use newInstance() for down tests");
    }
    requireOpen();
    stopServer();
  }

  /** Starts the server again on the same port with the same data. Does nothing if running. */
  public synchronized void start() {
    requireOpen();
    if (server != null) {
      return;
    }
    try {
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPort(port)
              .setPGStartupWait(STARTUP_WAIT)
              // durability is pointless for throw-away test data and costs seconds per suite
              .setServerConfig("fsync", "off")
              .setServerConfig("full_page_writes", "off")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
    }
    port = server.getPort();
  }

  /**
   * Stops a private server and deletes its data. Idempotent. Does nothing on the {@link #shared()}
   * server, which lives as long as the JVM.
   */
  @Override
  public void close() {
    if (sharedInstance) {
      return;
    }
    release();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down and runs the hook itself
    }
  }

  @Override
  public String toString() {
    return "EmbeddedPostgresFixture[port=" + port + ", running=" + (server != null) + "]";
  }

  private synchronized void release() {
    if (closed) {
      return;
    }
    closed = true;
    stopServer();
    deleteRecursively(dataDirectory);
  }

  private void stopServer() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop embedded PostgreSQL", e);
    } finally {
      server = null;
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("This embedded PostgreSQL has been closed");
    }
  }

  private void requireRunning() {
    requireOpen();
    if (server == null) {
      throw new IllegalStateException("This embedded PostgreSQL is stopped; call start() first");
    }
  }

  private static boolean databaseExists(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void requireValidName(String name) {
    if (name == null || !DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "database name was '"
              + name
              + "' but must be 1-63 lower-case letters, digits or underscores, not starting with"
              + " a digit");
    }
  }

  private static Path createDataDirectory() {
    try {
      return Files.createTempDirectory("athena-embedded-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a data directory", e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless; never fail a test run over it
    }
  }
}
