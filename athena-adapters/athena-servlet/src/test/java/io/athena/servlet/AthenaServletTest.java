package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athena.core.config.Secret;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpResponse;
import io.athena.core.http.ResponseBody;
import io.athena.core.router.Access;
import io.athena.core.router.AdminGuard;
import io.athena.core.router.Exchange;
import io.athena.core.router.Route;
import io.athena.core.router.Router;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The servlet's translation in both directions, against a real Jetty and a router of hand-made
 * routes (no database): what the router receives, and what reaches the client.
 */
class AthenaServletTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ECHO_METHODS =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PURGE");

  private static Server server;
  private static String base;
  private static final AtomicBoolean discarded = new AtomicBoolean();
  private static final AtomicReference<Throwable> slowBodyFailure = new AtomicReference<>();
  private static final CountDownLatch slowBodyDone = new CountDownLatch(1);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private ListAppender<ILoggingEvent> servletLog;

  @BeforeAll
  static void startJetty() throws Exception {
    Router router = new Router(routes(), new AdminGuard(Optional.of(Secret.of("s3cret"))), 64);
    Router bigBodies = new Router(routes(), new AdminGuard(Optional.empty()), 1_000_000);

    ServletContextHandler root = new ServletContextHandler("/");
    root.addServlet(new ServletHolder(new AthenaServlet(router)), "/*");
    root.addServlet(new ServletHolder(new AthenaServlet(bigBodies)), "/athena/*");
    ServletContextHandler app = new ServletContextHandler("/app");
    app.setAttribute(AthenaServlet.ROUTER_ATTRIBUTE, bigBodies);
    app.addServlet(AthenaServlet.class, "/");

    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(new ContextHandlerCollection(root, app));
    server.start();
    base = "http://127.0.0.1:" + connector.getLocalPort();
  }

  @AfterAll
  static void stopJetty() throws Exception {
    server.stop();
  }

  @BeforeEach
  void captureServletLog() {
    Logger logger = (Logger) LoggerFactory.getLogger(AthenaServlet.class);
    logger.setLevel(Level.DEBUG);
    servletLog = new ListAppender<>();
    servletLog.start();
    logger.addAppender(servletLog);
  }

  @AfterEach
  void releaseServletLog() {
    Logger logger = (Logger) LoggerFactory.getLogger(AthenaServlet.class);
    logger.detachAppender(servletLog);
    logger.setLevel(null);
  }

  @Test
  @DisplayName("every method reaches the router with its path below a /* mount")
  void everyMethodReachesTheRouter() throws Exception {
    for (String method : ECHO_METHODS) {
      var response = send(method, "/echo", "body of " + method);

      assertThat(response.statusCode()).as(method).isEqualTo(200);
      JsonNode echo = JSON.readTree(response.body());
      assertThat(echo.get("method").asText()).isEqualTo(method);
      assertThat(echo.get("path").asText()).isEqualTo("/echo");
      assertThat(echo.get("body").asText()).isEqualTo("body of " + method);
      assertThat(echo.get("remote").asText()).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void pathBelowAPrefixMountAndBelowADefaultMapping() throws Exception {
    JsonNode prefixed = JSON.readTree(send("GET", "/athena/echo", "").body());
    JsonNode defaultMapping = JSON.readTree(send("GET", "/app/echo", "").body());
    var rootOfPrefix = send("GET", "/athena", "");

    assertThat(prefixed.get("path").asText()).isEqualTo("/echo");
    assertThat(defaultMapping.get("path").asText()).isEqualTo("/echo");
    assertThat(rootOfPrefix.statusCode()).isEqualTo(200);
    assertThat(rootOfPrefix.body()).isEqualTo("root");
  }

  @Test
  @DisplayName("a Location the router answers points below the servlet's mount")
  void locationsPointBelowTheMount() throws Exception {
    assertThat(send("POST", "/moved", "").headers().firstValue("Location"))
        .contains("/gateway/deferred/42");
    assertThat(send("POST", "/athena/moved", "").headers().firstValue("Location"))
        .contains("/athena/gateway/deferred/42");
    var inContext = send("POST", "/app/moved", "");
    assertThat(inContext.headers().firstValue("Location")).contains("/app/gateway/deferred/42");
    assertThat(inContext.headers().firstValue("Content-Location"))
        .as("absolute URIs are left alone")
        .contains("https://elsewhere.example/x");
  }

  @Test
  void pathIsDecodedOnceAndPathParametersArrive() throws Exception {
    JsonNode echo = JSON.readTree(send("GET", "/athena/echo/caf%C3%A9%20au%20lait", "").body());

    assertThat(echo.get("path").asText()).isEqualTo("/echo/café au lait");
    assertThat(echo.get("id").asText()).isEqualTo("café au lait");
  }

  @Test
  void everyHeaderValueArrives() throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(URI.create(base + "/echo"))
            .header("X-Multi", "one")
            .header("X-Multi", "two")
            .header("X-Athena-Client", "demo")
            .GET()
            .build();

    JsonNode echo = JSON.readTree(http.send(request, BodyHandlers.ofString()).body());

    assertThat(echo.at("/headers/x-multi").toString()).isEqualTo("[\"one\",\"two\"]");
    assertThat(echo.at("/headers/x-athena-client").toString()).isEqualTo("[\"demo\"]");
  }

  @Test
  void queryParametersAreDecodedFromTheQueryStringOnly() throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(
                URI.create(base + "/echo?a=1&a=2&name=J%C3%B6rg+Smith&flag&key=k%2B1"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(BodyPublishers.ofString("form=field"))
            .build();

    JsonNode echo = JSON.readTree(http.send(request, BodyHandlers.ofString()).body());

    assertThat(echo.get("query").toString())
        .isEqualTo(
            "{\"a\":[\"1\",\"2\"],\"flag\":[\"\"],\"key\":[\"k+1\"],"
                + "\"name\":[\"Jörg Smith\"]}");
    assertThat(echo.get("body").asText()).isEqualTo("form=field");
  }

  @Test
  void malformedEscapesInTheQueryAreTakenLiterally() {
    assertThat(AthenaServlet.query("bad=%zz&ok=%41&&=v"))
        .containsExactly(
            Map.entry("bad", List.of("%zz")),
            Map.entry("ok", List.of("A")),
            Map.entry("", List.of("v")));
  }

  @Test
  void largeRequestBodiesStreamToTheRouterWhichEnforcesItsLimit() throws Exception {
    String big = "x".repeat(200_000);

    var accepted = send("POST", "/athena/echo", big);
    var rejected = send("POST", "/echo", "y".repeat(65));

    assertThat(JSON.readTree(accepted.body()).get("body").asText()).isEqualTo(big);
    assertThat(rejected.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(rejected.body()).get("code").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void statusHeadersAndBodyOfTheRouterReachTheClient() throws Exception {
    var response = send("POST", "/created", "");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().allValues("X-Out")).containsExactly("a", "b");
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    assertThat(response.body()).isEqualTo("{\"created\":true}");
  }

  @Test
  void requestIdIsEchoed() throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(URI.create(base + "/echo"))
            .header("X-Request-Id", "req-42")
            .build();

    var response = http.send(request, BodyHandlers.ofString());

    assertThat(response.headers().firstValue("X-Request-Id")).contains("req-42");
    assertThat(response.headers().firstValue("X-Athena-Request-Id")).contains("req-42");
  }

  @Test
  void largeResponseBodiesStreamCompletely() throws Exception {
    var response =
        http.send(
            java.net.http.HttpRequest.newBuilder(URI.create(base + "/big")).build(),
            BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).hasSize(5_000_000);
    assertThat(response.body()[4_999_999]).isEqualTo((byte) ('a' + 4_999_999 % 26));
  }

  @Test
  void headAnswersLikeGetWithoutABodyAndDiscardsIt() throws Exception {
    discarded.set(false);

    var response = send("HEAD", "/discardable", "");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("X-Kind")).contains("discardable");
    assertThat(discarded).isTrue();
  }

  @Test
  void unknownRoutesAndMethodsGetTheRoutersJsonErrors() throws Exception {
    var missing = send("GET", "/nope", "");
    var wrongMethod = send("TRACE", "/created", "");

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).get("code").asText()).isEqualTo("route_not_found");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(wrongMethod.body()).get("code").asText())
        .isEqualTo("method_not_allowed");
  }

  @Test
  void adminRoutesAreGuardedByTheRouter() throws Exception {
    var noKey = send("GET", "/admin/thing", "");
    var wrongKey =
        http.send(
            java.net.http.HttpRequest.newBuilder(URI.create(base + "/admin/thing"))
                .header("X-Athena-Admin-Key", "wrong")
                .build(),
            BodyHandlers.ofString());
    var rightKey =
        http.send(
            java.net.http.HttpRequest.newBuilder(URI.create(base + "/admin/thing"))
                .header("X-Athena-Admin-Key", "s3cret")
                .build(),
            BodyHandlers.ofString());
    var disabled = send("GET", "/athena/admin/thing", "");

    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(wrongKey.statusCode()).isEqualTo(401);
    assertThat(rightKey.statusCode()).isEqualTo(200);
    assertThat(disabled.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(disabled.body()).get("code").asText()).isEqualTo("admin_key_required");
  }

  @Test
  @DisplayName("an Error escaping the router becomes a JSON 500, not the container's error page")
  void errorsEscapingTheRouterBecomeAnEnvelope() throws Exception {
    var response = send("GET", "/linkage", "");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("internal_error");
    assertThat(response.body()).doesNotContain("NoClassDefFoundError", "com/example");
  }

  @Test
  @DisplayName("a body that fails before anything is sent becomes the JSON error envelope")
  void bodyFailingBeforeCommitBecomesAnEnvelope() throws Exception {
    var known = send("GET", "/fails-early/known", "");
    var unknown = send("GET", "/fails-early/unknown", "");

    assertThat(known.statusCode()).isEqualTo(503);
    JsonNode knownBody = JSON.readTree(known.body());
    assertThat(knownBody.get("code").asText()).isEqualTo("database_unavailable");
    assertThat(knownBody.get("error").asText()).isEqualTo("The database went away");
    assertThat(known.headers().firstValue("X-Request-Id")).isPresent();
    assertThat(known.headers().firstValue("X-Early")).isEmpty();
    assertThat(unknown.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(unknown.body()).get("code").asText()).isEqualTo("internal_error");
    assertThat(unknown.body()).doesNotContain("boom", "Exception", "at io.");
  }

  @Test
  @DisplayName("a body that fails mid-stream aborts the response instead of ending it cleanly")
  void bodyFailingAfterCommitAbortsTheResponse() {
    var request = java.net.http.HttpRequest.newBuilder(URI.create(base + "/fails-late")).build();

    assertThatThrownBy(() -> http.send(request, BodyHandlers.ofByteArray()))
        .isInstanceOf(IOException.class);
  }

  @Test
  @DisplayName("a client that goes away mid-stream is logged at DEBUG and nothing more")
  void clientGoingAwayIsLoggedAtDebug() throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(URI.create(base + "/slow")).build();
    var response = http.send(request, BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      assertThat(in.readNBytes(10)).hasSize(10);
    } // closing the stream early makes the JDK client drop the connection

    assertThat(slowBodyDone.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(slowBodyFailure.get()).isInstanceOf(IOException.class);
    List<ILoggingEvent> events = waitForLogEvents();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getLevel()).isEqualTo(Level.DEBUG);
    assertThat(events.get(0).getFormattedMessage()).contains("GET /slow", "client went away");
  }

  private List<ILoggingEvent> waitForLogEvents() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (servletLog.list.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return new ArrayList<>(servletLog.list);
  }

  private java.net.http.HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    var request =
        java.net.http.HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method, body.isEmpty() ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
            .build();
    return http.send(request, BodyHandlers.ofString());
  }

  private static List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (String method : ECHO_METHODS) {
      routes.add(route(method, "/echo", AthenaServletTest::echo));
    }
    routes.add(route("GET", "/echo/{id}", AthenaServletTest::echo));
    routes.add(route("GET", "/", ex -> HttpResponse.text(200, "root")));
    routes.add(
        route(
            "POST",
            "/created",
            ex -> {
              HttpResponse r =
                  HttpResponse.bytes(
                      201,
                      "application/json",
                      "{\"created\":true}".getBytes(StandardCharsets.UTF_8));
              r.headers().add("X-Out", "a").add("X-Out", "b");
              return r;
            }));
    routes.add(
        route(
            "POST",
            "/moved",
            ex -> {
              HttpResponse r = HttpResponse.text(202, "accepted");
              r.headers().set("Location", "/gateway/deferred/42");
              r.headers().set("Content-Location", "https://elsewhere.example/x");
              return r;
            }));
    routes.add(route("GET", "/big", ex -> stream(5_000_000)));
    routes.add(route("GET", "/discardable", ex -> discardable()));
    routes.add(
        route(
            "GET",
            "/fails-early/{kind}",
            ex -> failing(ex.pathParam("kind").orElseThrow().equals("known"))));
    routes.add(route("GET", "/fails-late", ex -> failsLate()));
    routes.add(
        route(
            "GET",
            "/linkage",
            ex -> {
              throw new NoClassDefFoundError("com/example/Missing");
            }));
    routes.add(route("GET", "/slow", ex -> slow()));
    routes.add(
        new Route(
            "GET",
            "/admin/thing",
            "test",
            Access.ADMIN,
            "guarded",
            ex -> HttpResponse.text(200, "ok")));
    return routes;
  }

  private static Route route(String method, String path, io.athena.core.router.Handler handler) {
    return new Route(method, path, "test", Access.PUBLIC, "test route", handler);
  }

  private static HttpResponse echo(Exchange ex) {
    Map<String, Object> echo = new LinkedHashMap<>();
    echo.put("method", ex.request().method());
    echo.put("path", ex.request().path());
    ex.pathParam("id").ifPresent(id -> echo.put("id", id));
    Map<String, List<String>> headers = new java.util.TreeMap<>();
    ex.headers()
        .forEach(
            (name, value) ->
                headers
                    .computeIfAbsent(
                        name.toLowerCase(java.util.Locale.ROOT), n -> new ArrayList<>())
                    .add(value));
    echo.put("headers", headers);
    echo.put("query", new java.util.TreeMap<>(ex.request().query()));
    echo.put("body", new String(ex.body(), StandardCharsets.UTF_8));
    echo.put("remote", ex.request().remoteAddress());
    try {
      return HttpResponse.bytes(200, "application/json", JSON.writeValueAsBytes(echo));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse stream(int size) {
    return new HttpResponse(
        200,
        new Headers().set("Content-Type", "application/octet-stream"),
        out -> {
          byte[] chunk = new byte[8192];
          for (int written = 0; written < size; ) {
            int n = Math.min(chunk.length, size - written);
            for (int i = 0; i < n; i++) {
              chunk[i] = (byte) ('a' + (written + i) % 26);
            }
            out.write(chunk, 0, n);
            written += n;
          }
        });
  }

  private static HttpResponse discardable() {
    ResponseBody body =
        new ResponseBody() {
          @Override
          public void writeTo(OutputStream out) throws IOException {
            throw new AssertionError("a HEAD body must never be written");
          }

          @Override
          public void discard() {
            discarded.set(true);
          }
        };
    return new HttpResponse(200, new Headers().set("X-Kind", "discardable"), body);
  }

  private static HttpResponse failing(boolean known) {
    return new HttpResponse(
        200,
        new Headers().set("Content-Type", "application/json").set("X-Early", "yes"),
        out -> {
          out.write('[');
          if (known) {
            throw new GatewayException(ErrorCode.DATABASE_UNAVAILABLE, "The database went away");
          }
          throw new IllegalStateException("boom");
        });
  }

  private static HttpResponse failsLate() {
    return new HttpResponse(
        200,
        new Headers().set("Content-Type", "application/json"),
        out -> {
          byte[] filler = new byte[64 * 1024];
          Arrays.fill(filler, (byte) ' ');
          for (int i = 0; i < 4; i++) {
            out.write(filler);
          }
          out.flush();
          throw new IllegalStateException("the row stream broke");
        });
  }

  private static HttpResponse slow() {
    return new HttpResponse(
        200,
        new Headers().set("Content-Type", "text/plain"),
        out -> {
          try {
            byte[] line = "0123456789\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10_000; i++) {
              out.write(line);
              out.flush();
              Thread.sleep(2);
            }
          } catch (IOException e) {
            slowBodyFailure.set(e);
            throw e;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            slowBodyDone.countDown();
          }
        });
  }
}
