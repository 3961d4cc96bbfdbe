package io.athena.example.servlet;

import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.ServerConfig;
import io.athena.core.daemon.DaemonRole;
import io.athena.servlet.AthenaServlet;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Athena on Jetty 12, in one process.
 *
 * <p>With {@code ATHENA_CONFIG_PATH} set, the clients, port and limits come from that file ({@link
 * AthenaConfig#load()}). Without it, the app starts an embedded PostgreSQL 15 with a small demo
 * data set ({@code users}, {@code orders}) and routes it as client {@value #DEMO_CLIENT}; the demo
 * binds to {@code 127.0.0.1} unless {@code ATHENA_SERVER_HOST} says otherwise.
 *
 * <p>Run it with {@code --port N}; without it the port is the configured one ({@code
 * ATHENA_SERVER_PORT}, default {@value ServerConfig#DEFAULT_PORT}). Tests start it in-process with
 * {@link #start(int)} and stop it with {@link #close()}.
 */
public final class ExampleServletApp implements AutoCloseable {
  /** The client name of the demo database. */
  public static final String DEMO_CLIENT = "demo";

  private static final Logger LOG = LoggerFactory.getLogger(ExampleServletApp.class);
  private static final String DEMO_HOST = "127.0.0.1";
  private static final long STOP_TIMEOUT_MS = 5_000;
  private static final long STARTUP_WAIT_SECONDS = 60;

  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch startupDone = new CountDownLatch(1);
  // set one by one as start() brings them up, so that close() stops whatever is running
  private volatile DemoDatabase demo;
  private volatile Athena athena;
  private volatile Server jetty;
  private volatile int port = -1;

  private ExampleServletApp() {}

  /**
   * Starts the app as {@link #main} would, on {@code port} ({@code 0} picks a free one).
   *
   * @throws IllegalStateException when the database, Athena or Jetty does not start; whatever did
   *     start is stopped again
   */
  public static ExampleServletApp start(int port) {
    return start(port, null);
  }

  /**
   * Like {@link #start(int)}, in {@code role} (null: the configured {@code daemon.role}, default
   * {@code all}).
   */
  public static ExampleServletApp start(int port, DaemonRole role) {
    ExampleServletApp app = new ExampleServletApp();
    app.run(Optional.of(port), Optional.ofNullable(role));
    return app;
  }

  private void run(Optional<Integer> portArgument, Optional<DaemonRole> role) {
    long started = System.nanoTime();
    boolean running = false;
    try {
      AthenaConfig config;
      if (env(AthenaConfig.CONFIG_PATH_ENV).isPresent()) {
        config = AthenaConfig.load();
      } else {
        demo = DemoDatabase.start();
        config = demoConfig(demo.uri());
      }
      if (role.isPresent()) {
        config = config.withDaemon(config.daemon().withRole(role.get()));
      }
      // the role decides which job families this process runs (api: only the inline ones)
      athena = Athena.fromConfig(config).start();
      jetty = jetty(config.server().host(), portArgument.orElse(config.server().port()), athena);
      jetty.start();
      port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
      LOG.info(
          "Athena listening on http://{}:{}/ ({} clients: {}) after {} ms",
          config.server().host(),
          port,
          demo == null ? "configured" : "demo",
          athena.clients().names(),
          (System.nanoTime() - started) / 1_000_000);
      running = true;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("The example app did not start: " + e.getMessage(), e);
    } finally {
      if (!running) {
        close(); // also on Errors: an embedded PostgreSQL must not outlive the JVM
      }
      startupDone.countDown();
    }
  }

  /** Waits (boundedly) until {@link #run} has started everything or given up. */
  private void awaitStartup() {
    try {
      if (!startupDone.await(STARTUP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("still starting after {} s; stopping what is up", STARTUP_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The demo's config: defaults, the demo client, and the host and port from the environment. */
  private static AthenaConfig demoConfig(String uri) {
    ServerConfig defaults = ServerConfig.defaults();
    int port = env("ATHENA_SERVER_PORT").map(ExampleServletApp::parsePort).orElse(defaults.port());
    String host = env("ATHENA_SERVER_HOST").orElse(DEMO_HOST);
    AthenaConfig base = AthenaConfig.defaults();
    return new AthenaConfig(
        new ServerConfig(host, port, defaults.maxBodyBytes()),
        base.gateway(),
        Map.of(DEMO_CLIENT, PostgresClientConfig.of(DEMO_CLIENT, uri)));
  }

  private static Server jetty(String host, int port, Athena athena) {
    Server server = new Server(new HttpThreadPool());
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false); // no "Server: Jetty(12.x)" for scanners to match on
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder("athena", new AthenaServlet(athena)), "/*");
    // what Jetty refuses itself (ambiguous encoded paths, bad request lines) answers JSON too
    context.setErrorHandler(new JsonErrorHandler());
    server.setErrorHandler(new JsonErrorHandler());
    // lets requests in flight finish when the app stops
    server.setHandler(new GracefulHandler(context));
    server.setStopTimeout(STOP_TIMEOUT_MS);
    return server;
  }

  /** The port Jetty listens on. */
  public int port() {
    return port;
  }

  /** {@code http://localhost:<port>/}. */
  public URI uri() {
    return URI.create("http://localhost:" + port + "/");
  }

  /** Waits until Jetty has stopped. */
  public void join() throws InterruptedException {
    Server server = jetty;
    if (server != null) {
      server.join();
    }
  }

  /**
   * Stops Jetty (letting requests in flight finish), then Athena, then the demo database; whatever
   * of them is running. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("stopping");
    Server server = jetty;
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        LOG.warn("stopping Jetty failed: {}", e.toString());
      }
    }
    if (athena != null) {
      athena.close();
    }
    if (demo != null) {
      demo.close();
    }
    LOG.info("stopped");
  }

  /**
   * Runs the app until the JVM is asked to stop (Ctrl-C).
   *
   * @param args {@code --port N} (or {@code --port=N}) to choose the port; {@code --role
   *     api|daemon|clone-worker|all} (default the configured {@code daemon.role}, {@code all})
   */
  public static void main(String[] args) throws InterruptedException {
    Optional<Integer> port;
    Optional<DaemonRole> role;
    try {
      port = portArgument(args);
      role = roleArgument(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: ExampleServletApp [--port N] [--role api|daemon|clone-worker|all]");
      System.exit(2);
      return;
    }
    ExampleServletApp app = new ExampleServletApp();
    // registered first: a Ctrl-C while the database starts lets it finish starting, then stops it
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.awaitStartup();
                  app.close();
                },
                "athena-shutdown"));
    try {
      app.run(port, role);
    } catch (RuntimeException e) {
      LOG.error("Athena did not start: {}", e.getMessage(), e);
      System.exit(1);
    }
    if (app.demo != null) {
      LOG.info("try: curl -s {}ping", app.uri());
      LOG.info(
          "try: curl -s -X POST localhost:{}/gateway/fetch -H 'X-Athena-Client: {}'"
              + " -H 'Content-Type: application/json' -d '{\"table_name\":\"users\",\"limit\":5}'",
          app.port(),
          DEMO_CLIENT);
    }
    LOG.info("press Ctrl-C to stop");
    app.join();
  }

  static Optional<Integer> portArgument(String[] args) {
    return argument(args, "--port").map(ExampleServletApp::parsePort);
  }

  /** {@code --role api|daemon|clone-worker|all}; empty means the configured {@code daemon.role}. */
  static Optional<DaemonRole> roleArgument(String[] args) {
    return argument(args, "--role")
        .map(
            text ->
                DaemonRole.fromWireName(text)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "role was '"
                                    + text
                                    + "' but must be api, daemon, clone-worker or all")));
  }

  /** The value of {@code flag} ({@code --flag v} or {@code --flag=v}); unknown flags are errors. */
  private static Optional<String> argument(String[] args, String flag) {
    Optional<String> value = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (!name.equals("--port") && !name.equals("--role")) {
        throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
      String text;
      if (arg.contains("=")) {
        text = arg.substring(arg.indexOf('=') + 1);
      } else if (i + 1 < args.length) {
        text = args[++i];
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (name.equals(flag)) {
        value = Optional.of(text);
      }
    }
    return value;
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("port was '" + text + "' but must be 0-65535");
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** Jetty's pool, with threads named {@code athena-http-1}, {@code athena-http-2}, ... */
  private static final class HttpThreadPool extends QueuedThreadPool {
    private final AtomicInteger sequence = new AtomicInteger();

    HttpThreadPool() {
      super(200, 8);
      setName("athena-http");
    }

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = super.newThread(runnable);
      thread.setName("athena-http-" + sequence.incrementAndGet());
      return thread;
    }
  }
}
