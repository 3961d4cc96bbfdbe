package io.athena.servlet;

import io.athena.core.Athena;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Envelope;
import io.athena.core.router.Router;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Athena from any Jakarta Servlet 6 container by handing every request to core's {@link
 * Router}.
 *
 * <p>Mount it on a path mapping; the router sees the path below the mount, so {@code /*} and {@code
 * /athena/*} both work:
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler("/");
 * context.addServlet(new ServletHolder(new AthenaServlet(athena)), "/*");
 * }</pre>
 *
 * <p>What the router receives: every method as sent ({@code HEAD} is answered as {@code GET}
 * without a body), every header value, the query parameters decoded from the query string only
 * (never from a form body), the body as an unread stream (core enforces the size limit) and the
 * peer address. The response body streams straight to the container's output stream.
 *
 * <p>For containers that instantiate servlets themselves ({@code web.xml}), use the no-argument
 * constructor and put the router in the servlet context attribute {@link #ROUTER_ATTRIBUTE} before
 * the servlet initialises, for instance from a {@code ServletContextListener}.
 */
public class AthenaServlet extends HttpServlet {
  /** The servlet context attribute the no-argument constructor takes its {@link Router} from. */
  public static final String ROUTER_ATTRIBUTE = Router.class.getName();

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AthenaServlet.class);
  private static final String REQUEST_ID = "X-Request-Id";
  private static final String ATHENA_REQUEST_ID = "X-Athena-Request-Id";

  private transient Router router;

  /** A servlet that finds its router in the servlet context attribute {@link #ROUTER_ATTRIBUTE}. */
  public AthenaServlet() {}

  /** A servlet that serves {@code router}. */
  public AthenaServlet(Router router) {
    this.router = Objects.requireNonNull(router, "router");
  }

  /** A servlet that serves {@code athena.router()}; closing {@code athena} stays the host's job. */
  public AthenaServlet(Athena athena) {
    this(Objects.requireNonNull(athena, "athena").router());
  }

  @Override
  public void init() throws ServletException {
    if (router != null) {
      return;
    }
    Object attribute = getServletContext().getAttribute(ROUTER_ATTRIBUTE);
    if (!(attribute instanceof Router found)) {
      throw new ServletException(
          "AthenaServlet was created without a Router and the servlet context attribute '"
              + ROUTER_ATTRIBUTE
              + "' holds "
              + (attribute == null ? "nothing" : "a " + attribute.getClass().getName()));
    }
    router = found;
  }

  /**
   * Every method, the ones {@link HttpServlet} knows nothing about included, goes to the router.
   */
  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    boolean head = "HEAD".equalsIgnoreCase(req.getMethod());
    HttpResponse response = route(req, toAthena(req, head ? "GET" : req.getMethod()));
    resp.setStatus(response.status());
    String mount = mountPrefix(req);
    response
        .headers()
        .forEach(
            (name, value) ->
                resp.addHeader(name, isLocation(name) ? belowMount(mount, value) : value));
    if (head || !bodyAllowed(response.status())) {
      response.body().discard();
      return;
    }
    writeBody(req, resp, response);
  }

  /**
   * The router's answer. {@link Router#handle} never throws by contract; should a bug or a broken
   * classpath ({@link LinkageError}) break that promise, the caller still gets the JSON envelope
   * rather than the container's error page, which would name the exception.
   */
  private HttpResponse route(HttpServletRequest req, HttpRequest request) {
    try {
      return router.handle(request);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      LOG.error("{} {}: the router failed", req.getMethod(), req.getRequestURI(), e);
      return Envelope.error(
          new GatewayException(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred"), null);
    }
  }

  static HttpRequest toAthena(HttpServletRequest req, String method) throws IOException {
    return new HttpRequest(
        method,
        pathBelowMount(req),
        headers(req),
        query(req.getQueryString()),
        req.getInputStream(),
        req.getRemoteAddr());
  }

  /**
   * Where the router is mounted: the context path, plus the servlet path for {@code /prefix/*}
   * mappings; empty at the server's root.
   */
  static String mountPrefix(HttpServletRequest req) {
    return req.getContextPath() + (prefixMapped(req) ? req.getServletPath() : "");
  }

  /** Whether the servlet is mapped as {@code /prefix/*} (the container may not say: path info). */
  private static boolean prefixMapped(HttpServletRequest req) {
    MappingMatch match = mappingMatch(req);
    return match == MappingMatch.PATH || (match == null && req.getPathInfo() != null);
  }

  private static MappingMatch mappingMatch(HttpServletRequest req) {
    HttpServletMapping mapping = req.getHttpServletMapping();
    return mapping == null ? null : mapping.getMappingMatch();
  }

  private static boolean isLocation(String header) {
    return "Location".equalsIgnoreCase(header) || "Content-Location".equalsIgnoreCase(header);
  }

  /**
   * The router answers paths of its own ({@code /gateway/deferred/...}); the caller needs them
   * below the mount. Absolute URIs and relative references are left alone.
   */
  static String belowMount(String mount, String location) {
    boolean rootRelative = location.startsWith("/") && !location.startsWith("//");
    return rootRelative ? mount + location : location;
  }

  /**
   * The path below the servlet's mount: the path info for {@code /prefix/*} mappings, the servlet
   * path for the default ({@code /}) and exact mappings.
   */
  static String pathBelowMount(HttpServletRequest req) {
    String servletPath = req.getServletPath();
    String pathInfo = req.getPathInfo();
    String path;
    if (prefixMapped(req)) {
      path = pathInfo;
    } else if (mappingMatch(req) == MappingMatch.CONTEXT_ROOT) {
      path = "/";
    } else {
      path = servletPath + (pathInfo == null ? "" : pathInfo);
    }
    return path == null || path.isEmpty() ? "/" : path;
  }

  private static Headers headers(HttpServletRequest req) {
    Headers headers = new Headers();
    for (String name : Collections.list(req.getHeaderNames())) {
      for (String value : Collections.list(req.getHeaders(name))) {
        headers.add(name, value);
      }
    }
    return headers;
  }

  /**
   * Decodes the query string as UTF-8 form encoding. Read by hand because {@code getParameterMap()}
   * would also consume a form-encoded body that the router must see.
   */
  static Map<String, List<String>> query(String queryString) {
    if (queryString == null || queryString.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : queryString.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformedEscape) {
      return text; // a stray '%' is taken literally rather than failing the request
    }
  }

  private static boolean bodyAllowed(int status) {
    return status != 204 && status != 304 && status >= 200;
  }

  private static void writeBody(
      HttpServletRequest req, HttpServletResponse resp, HttpResponse response) throws IOException {
    OutputStream out;
    try {
      out = resp.getOutputStream();
    } catch (IOException | RuntimeException e) {
      response.body().discard();
      throw e;
    }
    try {
      response.body().writeTo(out);
    } catch (IOException clientGone) {
      // the peer closed the connection or stopped reading: nobody is left to answer
      LOG.debug(
          "{} {} from {}: response not completed, the client went away: {}",
          req.getMethod(),
          req.getRequestURI(),
          req.getRemoteAddr(),
          clientGone.toString());
    } catch (RuntimeException e) {
      failWhileWriting(req, resp, response, e);
    }
  }

  /**
   * A body that fails while it is written: before anything reached the client we can still answer
   * with the error envelope; after that, rethrowing makes the container abort the response, so a
   * truncated body can never pass for a complete one.
   */
  private static void failWhileWriting(
      HttpServletRequest req, HttpServletResponse resp, HttpResponse response, RuntimeException e)
      throws IOException {
    String requestId = response.headers().first(REQUEST_ID).orElse("-");
    if (resp.isCommitted()) {
      LOG.error(
          "request {} {} {}: response body failed after it began; aborting the response",
          requestId,
          req.getMethod(),
          req.getRequestURI(),
          e);
      // an IOException: the container aborts the response and logs one line, not a second trace
      throw new IOException("response body of request " + requestId + " failed mid-stream", e);
    }
    GatewayException failure;
    if (e instanceof GatewayException known) {
      failure = known;
    } else {
      LOG.error(
          "request {} {} {}: response body failed",
          requestId,
          req.getMethod(),
          req.getRequestURI(),
          e);
      failure = new GatewayException(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred");
    }
    HttpResponse error = Envelope.error(failure, null);
    resp.reset();
    resp.setStatus(error.status());
    response.headers().all(REQUEST_ID).forEach(id -> resp.addHeader(REQUEST_ID, id));
    response.headers().all(ATHENA_REQUEST_ID).forEach(id -> resp.addHeader(ATHENA_REQUEST_ID, id));
    error.headers().forEach(resp::addHeader);
    error.body().writeTo(resp.getOutputStream());
  }
}
