package io.athena.core.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.CacheConfig;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.spi.OperationResult;
import io.athena.spi.telemetry.GatewayEvent;
import io.athena.spi.telemetry.GatewayOutcome;
import io.athena.spi.telemetry.TraceEvent;
import io.athena.spi.telemetry.TraceLevel;
import io.athena.spi.telemetry.TraceSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** One {@code gateway_trace} per gateway request, with what the request really did. */
class GatewayTraceTest {
  private final FakeBackend backend = new FakeBackend();
  private final List<TraceEvent> events = new CopyOnWriteArrayList<>();
  private final MeterRegistry hostMeters = new SimpleMeterRegistry();
  private final List<GatewayEvent> audited = new CopyOnWriteArrayList<>();
  private final Athena athena =
      Athena.builder()
          .backend(backend)
          .traceSink(events::add)
          .auditSink(event -> audited.add(event))
          .meterRegistry(hostMeters)
          .build();

  private HttpResponse send(String method, String path, String body, String... headers) {
    Headers h = new Headers();
    for (int i = 0; i < headers.length; i += 2) {
      h.set(headers[i], headers[i + 1]);
    }
    byte[] bytes = body == null ? null : Bodies.json(body).getBytes(UTF_8);
    return athena.router().handle(HttpRequest.of(method, path, h, bytes));
  }

  /** A fetch of every user by the fake backend's client. */
  private HttpResponse fetchUsers() {
    return send(
        "POST", "/gateway/fetch", "{'table_name':'users'}", "X-Athena-Client", FakeBackend.CLIENT);
  }

  private static String written(HttpResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.writeBody(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toString(UTF_8);
  }

  private GatewayEvent onlyEvent() {
    assertThat(events).hasSize(1);
    assertThat(audited).containsExactly((GatewayEvent) events.get(0));
    return (GatewayEvent) events.get(0);
  }

  @Test
  void aFetchIsTracedOnceItsBodyIsWrittenWithItsRowsAndTable() {
    backend.answering(ScriptedRows.numbered(3), -1, null);
    HttpResponse response =
        send(
            "POST",
            "/gateway/fetch",
            "{'table_name':'users','columns':['id']}",
            "X-Athena-Client",
            FakeBackend.CLIENT,
            "X-User-Id",
            "u-7");
    assertThat(events).as("nothing is reported before the body is written").isEmpty();
    written(response);

    GatewayEvent event = onlyEvent();
    assertThat(event.operation()).isEqualTo("fetch");
    assertThat(event.client()).isEqualTo(FakeBackend.CLIENT);
    assertThat(event.backend()).isEqualTo("fake");
    assertThat(event.schemaName()).isEqualTo("public");
    assertThat(event.tableName()).isEqualTo("users");
    assertThat(event.statusCode()).isEqualTo(200);
    assertThat(event.outcome()).isEqualTo(GatewayOutcome.SUCCESS);
    assertThat(event.level()).isEqualTo(TraceLevel.INFO);
    assertThat(event.rowsReturned()).isEqualTo(3);
    assertThat(event.cache()).isEqualTo("bypass");
    assertThat(event.cacheKey()).isNotBlank();
    assertThat(event.userId()).isEqualTo("u-7");
    assertThat(event.requestId()).isEqualTo(response.headers().first("X-Request-Id").orElseThrow());
    assertThat(event.durationMs()).isPositive();
    assertThat(event.fields()).doesNotContainKey("user_id");
  }

  @Test
  void aCachedFetchIsTracedWithTheRowsOfTheBodyItServed() {
    List<GatewayEvent> traced = new CopyOnWriteArrayList<>();
    backend.answering(op -> new OperationResult(ScriptedRows.numbered(3), -1, null, 1));
    try (Athena caching =
        Athena.builder()
            .config(AthenaConfig.defaults().withCache(CacheConfig.enabledDefaults()))
            .backend(backend)
            .traceSink(event -> traced.add((GatewayEvent) event))
            .build()) {
      for (int i = 0; i < 2; i++) {
        Headers h = new Headers().set("X-Athena-Client", FakeBackend.CLIENT);
        byte[] body = Bodies.json("{'table_name':'users'}").getBytes(UTF_8);
        written(caching.router().handle(HttpRequest.of("POST", "/gateway/fetch", h, body)));
      }
    }

    assertThat(traced).extracting(GatewayEvent::cache).containsExactly("miss", "hit_local");
    assertThat(traced).extracting(GatewayEvent::rowsReturned).containsExactly(3L, 3L);
  }

  @Test
  void aWriteReportsTheRowsItAffected() {
    backend.answering(ScriptedRows.numbered(2), 2, null);
    written(
        send(
            "POST",
            "/gateway/update",
            "{'table_name':'users','set':{'name':'x'},'where':{'id':1}}",
            "X-Athena-Client",
            FakeBackend.CLIENT));
    GatewayEvent event = onlyEvent();
    assertThat(event.operation()).isEqualTo("update");
    assertThat(event.rowsAffected()).isEqualTo(2);
    assertThat(event.cache()).isEqualTo("none");
  }

  @Test
  void aDeleteByIdNamesItsResource() {
    backend.answering(ScriptedRows.numbered(0), 1, null);
    written(
        send(
            "DELETE",
            "/gateway/delete",
            "{'table_name':'users','resource_id':42}",
            "X-Athena-Client",
            FakeBackend.CLIENT));
    GatewayEvent event = onlyEvent();
    assertThat(event.resourceId()).isEqualTo("42");
    assertThat(event.rowsAffected()).isEqualTo(1);
  }

  @Test
  void aRejectedRequestIsAClientErrorWithItsCode() {
    written(send("POST", "/gateway/fetch", "{'columns':['id']}"));
    GatewayEvent event = onlyEvent();
    assertThat(event.statusCode()).isEqualTo(400);
    assertThat(event.outcome()).isEqualTo(GatewayOutcome.CLIENT_ERROR);
    assertThat(event.level()).isEqualTo(TraceLevel.WARN);
    assertThat(event.errorCode()).isEqualTo("missing_client_header");
    assertThat(event.errorMessage()).contains("X-Athena-Client");
  }

  @Test
  void anUnknownClientIsCountedUnderUnknownNotUnderTheNameTheCallerSent() {
    written(
        send(
            "POST",
            "/gateway/fetch",
            "{'table_name':'users'}",
            "X-Athena-Client",
            "caller-made-this-up"));
    assertThat(events).hasSize(1);
    GatewayEvent traced = (GatewayEvent) events.get(0);
    assertThat(traced.errorCode()).isEqualTo("client_not_found");
    assertThat(traced.client())
        .as("the trace says what the caller sent")
        .isEqualTo("caller-made-this-up");
    assertThat(audited)
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.client())
                    .as("the audit log's statistics add up per client: no invented names")
                    .isNull());
    assertThat(hostMeters.find("athena.gateway.requests").tag("client", "unknown").counter())
        .isNotNull();
    assertThat(
            hostMeters
                .find("athena.gateway.requests")
                .tag("client", "caller-made-this-up")
                .meters())
        .isEmpty();
  }

  @Test
  void aTableTheCallerMadeUpIsTracedButKeptOutOfTheAuditStatistics() {
    backend.answering(
        op -> {
          throw new io.athena.spi.GatewayException(
              io.athena.spi.ErrorCode.UNKNOWN_TABLE, "Table 'public.x7f3' does not exist");
        });
    written(
        send(
            "POST",
            "/gateway/fetch",
            "{'table_name':'x7f3'}",
            "X-Athena-Client",
            FakeBackend.CLIENT));
    assertThat(((GatewayEvent) events.get(0)).tableName()).isEqualTo("x7f3");
    assertThat(audited)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.tableName()).isNull();
              assertThat(a.client()).isEqualTo(FakeBackend.CLIENT);
              assertThat(a.errorCode()).isEqualTo("unknown_table");
            });
  }

  @Test
  void aFailureWhileRowsStreamIsAServerError() {
    backend.answering(ScriptedRows.numbered(5).failingAfter(2), -1, null);
    written(fetchUsers());
    GatewayEvent event = onlyEvent();
    assertThat(event.statusCode()).isEqualTo(200);
    assertThat(event.outcome()).isEqualTo(GatewayOutcome.SERVER_ERROR);
    assertThat(event.level()).isEqualTo(TraceLevel.ERROR);
    assertThat(event.errorCode()).isEqualTo("stream_failed");
  }

  @Test
  void aBodyThatIsNeverWrittenIsReportedWhenDiscarded() {
    backend.answering(ScriptedRows.numbered(1), -1, null);
    HttpResponse response = fetchUsers();
    response.body().discard();
    response.body().discard();
    assertThat(onlyEvent().rowsReturned()).isNull();
  }

  @Test
  void aBrokenSocketCountsAsAServerError() {
    backend.answering(ScriptedRows.numbered(5), -1, null);
    HttpResponse response = fetchUsers();
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("broken pipe");
          }
        };
    try {
      response.writeBody(broken);
    } catch (IOException expected) {
      // the hosting adapter sees it; the trace must too
    }
    assertThat(onlyEvent().outcome()).isEqualTo(GatewayOutcome.SERVER_ERROR);
  }

  @Test
  void theCallersTraceIsContinuedWithASpanOfOurOwn() {
    String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    HttpResponse response =
        send(
            "POST",
            "/gateway/fetch",
            "{'table_name':'users'}",
            "X-Athena-Client",
            FakeBackend.CLIENT,
            "traceparent",
            parent);
    written(response);
    GatewayEvent event = onlyEvent();
    assertThat(event.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(event.spanId()).hasSize(16).isNotEqualTo("00f067aa0ba902b7");
    assertThat(response.headers().first("traceparent"))
        .contains("00-4bf92f3577b34da6a3ce929d0e0e4736-" + event.spanId() + "-01");
  }

  @Test
  void routesOtherThanGatewayOperationsAreNotTracedButCarryATraceparent() {
    HttpResponse response = send("GET", "/ping", null);
    written(response);
    assertThat(events).isEmpty();
    assertThat(response.headers().first("traceparent"))
        .hasValueSatisfying(v -> assertThat(v).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
  }

  @Test
  void requestMetersCountByClientOperationAndOutcome() {
    // a fresh result per request: a result is consumed once
    backend.answering(op -> new OperationResult(ScriptedRows.numbered(4), -1, null, 1));
    for (int i = 0; i < 3; i++) {
      written(fetchUsers());
    }
    assertThat(
            hostMeters
                .get("athena.gateway.requests")
                .tags("client", "app", "operation", "fetch", "outcome", "success")
                .counter()
                .count())
        .isEqualTo(3.0);
    assertThat(
            hostMeters
                .get("athena.gateway.rows")
                .tags("client", "app", "operation", "fetch", "kind", "returned")
                .counter()
                .count())
        .isEqualTo(12.0);
    assertThat(
            hostMeters
                .get("athena.gateway.request.duration")
                .tags("client", "app", "operation", "fetch")
                .timer()
                .count())
        .isEqualTo(3);
  }

  @Test
  void aFailingSinkNeverFailsTheRequest() {
    TraceSink failing =
        event -> {
          throw new IllegalStateException("disk gone");
        };
    Athena withFailingSink = Athena.builder().backend(backend).traceSink(failing).build();
    backend.answering(ScriptedRows.numbered(1), -1, null);
    HttpResponse response =
        withFailingSink
            .router()
            .handle(
                HttpRequest.of(
                    "POST",
                    "/gateway/fetch",
                    new Headers().set("X-Athena-Client", FakeBackend.CLIENT),
                    Bodies.json("{'table_name':'users'}").getBytes(UTF_8)));
    assertThat(written(response)).contains("\"status\":\"success\"");
  }
}
