package io.athena.servlet;

import io.athena.core.router.Router;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one Jetty 12 server of an integration-test run. Test classes mount their own {@link
 * AthenaServlet} in a context of their own ({@code /<context>}) and take it down again, so that
 * every class gets a fresh Athena without paying for a new server.
 */
final class SharedJetty implements AutoCloseable {
  private final Server server;
  private final ContextHandlerCollection contexts = new ContextHandlerCollection(true);
  private final int port;

  SharedJetty() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("athena-it-http");
    server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(contexts);
    server.setErrorHandler(new JsonErrorHandler());
    server.setStopTimeout(2_000);
    server.start();
    port = connector.getLocalPort();
  }

  int port() {
    return port;
  }

  /**
   * Serves {@code router} below {@code /<contextName>} with the servlet mapped at {@code mapping}
   * (such as {@code /*} or {@code /athena/*}).
   */
  Mount mount(String contextName, String mapping, Router router) throws Exception {
    ServletContextHandler context = new ServletContextHandler("/" + contextName);
    context.addServlet(new ServletHolder(new AthenaServlet(router)), mapping);
    // errors raised inside the context (such as an ambiguous path) use the context's handler
    context.setErrorHandler(new JsonErrorHandler());
    contexts.addHandler(context);
    context.start();
    String prefix = mapping.endsWith("/*") ? mapping.substring(0, mapping.length() - 2) : "";
    return new Mount(context, "http://127.0.0.1:" + port + "/" + contextName + prefix);
  }

  /** One mounted servlet; {@link #close()} takes it down. */
  final class Mount implements AutoCloseable {
    private final ServletContextHandler context;
    private final String baseUri;

    private Mount(ServletContextHandler context, String baseUri) {
      this.context = context;
      this.baseUri = baseUri;
    }

    /** {@code http://127.0.0.1:<port>/<context>[/<prefix>]}, without a trailing slash. */
    String baseUri() {
      return baseUri;
    }

    @Override
    public void close() {
      try {
        context.stop();
      } catch (Exception e) {
        throw new IllegalStateException("context " + context.getContextPath() + " did not stop", e);
      }
      contexts.removeHandler(context);
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop", e);
    }
  }
}
