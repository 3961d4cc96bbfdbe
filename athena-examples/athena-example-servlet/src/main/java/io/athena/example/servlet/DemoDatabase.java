package io.athena.example.servlet;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL 15 (zonky binaries) holding the demo data set: database {@code demo} with
 * tables {@code users} and {@code orders}. Its data lives in a temporary directory that {@link
 * #close()} deletes.
 */
final class DemoDatabase implements AutoCloseable {
  static final String DATABASE = "demo";
  private static final Logger LOG = LoggerFactory.getLogger(DemoDatabase.class);
  private static final String SCHEMA = "demo-schema.sql";

  private final EmbeddedPostgres server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DemoDatabase(EmbeddedPostgres server) {
    this.server = server;
  }

  /** Starts the server and loads the demo schema and rows. */
  static DemoDatabase start() {
    long started = System.nanoTime();
    EmbeddedPostgres server;
    try {
      server =
          EmbeddedPostgres.builder()
              .setRegisterShutdownHook(false) // the app's own hook stops it, after Jetty
              .setPGStartupWait(Duration.ofSeconds(30))
              // throw-away demo data: durability only costs start-up time
              .setServerConfig("fsync", "off")
              .setServerConfig("full_page_writes", "off")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
    }
    DemoDatabase db = new DemoDatabase(server);
    try {
      db.load();
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    LOG.info(
        "embedded PostgreSQL on port {} with the demo data set, ready in {} ms",
        server.getPort(),
        (System.nanoTime() - started) / 1_000_000);
    return db;
  }

  /**
   * {@code postgres://postgres@localhost:<port>/demo}: no password, the server trusts localhost.
   */
  String uri() {
    return "postgres://postgres@localhost:" + server.getPort() + "/" + DATABASE;
  }

  private void load() {
    try {
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + DATABASE);
      }
      try (Connection c = server.getDatabase("postgres", DATABASE).getConnection();
          Statement s = c.createStatement()) {
        s.execute(schemaSql());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not load the demo data set: " + e.getMessage(), e);
    }
  }

  private static String schemaSql() {
    try (InputStream in = DemoDatabase.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server and deletes its data. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      LOG.warn("stopping the embedded PostgreSQL failed: {}", e.toString());
    }
  }
}
