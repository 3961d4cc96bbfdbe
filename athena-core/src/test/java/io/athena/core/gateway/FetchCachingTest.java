package io.athena.core.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.CacheConfig;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Json;
import io.athena.spi.FetchRequest;
import io.athena.spi.OperationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Fetch caching through the routes: keys, headers, invalidation, limits, metrics. */
class FetchCachingTest {
  private final FakeBackend backend = new FakeBackend();
  private Athena athena = athena(CacheConfig.enabledDefaults());

  private Athena athena(CacheConfig cache) {
    backend.answering(op -> new OperationResult(ScriptedRows.numbered(3), -1, null, 1));
    return Athena.builder()
        .config(AthenaConfig.defaults().withCache(cache))
        .backend(backend)
        .build();
  }

  private HttpResponse fetch(String body, String... headers) {
    return send("POST", "/gateway/fetch", body, headers);
  }

  private HttpResponse send(String method, String path, String body, String... headers) {
    Headers h = new Headers().set("X-Athena-Client", FakeBackend.CLIENT);
    for (int i = 0; i < headers.length; i += 2) {
      h.set(headers[i], headers[i + 1]);
    }
    byte[] bytes = Bodies.json(body).getBytes(UTF_8);
    return athena.router().handle(HttpRequest.of(method, path, h, bytes));
  }

  private static String text(HttpResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.writeBody(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(UTF_8);
  }

  /** The outcome header, once the body was written (a miss is stored only then). */
  private static String outcome(HttpResponse response) {
    text(response);
    return response.headers().first("X-Athena-Cache-Outcome").orElse("(none)");
  }

  private static String cacheKey(HttpResponse response) {
    try {
      JsonNode body = Json.mapper().readTree(text(response));
      return body.path("cache_key").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long fetchesRun() {
    return backend.received.stream().filter(FetchRequest.class::isInstance).count();
  }

  @Test
  void aRepeatedFetchIsServedFromMemoryByteForByte() {
    HttpResponse first = fetch("{'table_name':'users'}");
    assertThat(outcome(first)).isEqualTo("miss");
    assertThat(first.headers().first("X-Athena-Cached")).contains("false");
    String firstBody = text(first);
    HttpResponse second = fetch("{'table_name':'users'}");
    assertThat(outcome(second)).isEqualTo("hit_local");
    assertThat(second.headers().first("X-Athena-Cached")).contains("true");
    assertThat(text(second)).isEqualTo(firstBody);
    assertThat(fetchesRun()).isEqualTo(1);
  }

  @Test
  void fieldOrderAndSpellingDoNotChangeTheKey() {
    String a =
        cacheKey(
            fetch(
                "{'table_name':'users','sort_by':{'field':'id','direction':'desc'},"
                    + "'page_size':10,'current_page':2,'where':{'id':{'gt':5}}}"));
    String b =
        cacheKey(
            fetch(
                "{'where':{'id':{'gt':5}},'currentPage':2,'pageSize':10,"
                    + "'sortBy':{'field':'id','direction':'descending'},'tableName':'users'}"));
    assertThat(a).matches("[0-9a-f]{64}").isEqualTo(b);
  }

  @Test
  void differentRequestsGetDifferentKeys() {
    String plain = cacheKey(fetch("{'table_name':'users'}"));
    assertThat(cacheKey(fetch("{'table_name':'users','strip_nulls':true}"))).isNotEqualTo(plain);
    assertThat(cacheKey(fetch("{'table_name':'users','limit':5}"))).isNotEqualTo(plain);
    assertThat(cacheKey(fetch("{'table_name':'orders'}"))).isNotEqualTo(plain);
    assertThat(cacheKey(fetch("{'table_name':'users','group_by':'id'}"))).isNotEqualTo(plain);
  }

  @Test
  void noCacheBypassesAndRefreshes() {
    fetch("{'table_name':'users'}");
    HttpResponse bypassed = fetch("{'table_name':'users'}", "Cache-Control", "no-cache");
    assertThat(outcome(bypassed)).isEqualTo("bypass");
    text(bypassed);
    assertThat(fetchesRun()).isEqualTo(2);
  }

  @Test
  void everyWriteMakesTheClientsReadsStale() {
    text(fetch("{'table_name':'users'}"));
    text(send("PUT", "/gateway/insert", "{'table_name':'orders','insert_body':{'id':1}}"));
    assertThat(outcome(fetch("{'table_name':'users'}"))).isEqualTo("miss");
    assertThat(outcome(fetch("{'table_name':'users'}"))).isEqualTo("hit_local");
    text(send("POST", "/gateway/query", "{'query':'update users set x = 1'}"));
    assertThat(outcome(fetch("{'table_name':'users'}"))).isEqualTo("miss");
  }

  @Test
  void responsesOverTheByteLimitStreamUncached() {
    athena = athena(CacheConfig.enabledDefaults().withMaxEntryBytes(10));
    text(fetch("{'table_name':'users'}"));
    assertThat(outcome(fetch("{'table_name':'users'}"))).isEqualTo("miss");
  }

  @Test
  void offByDefaultWithTheHeadersStillThere() {
    athena = athena(CacheConfig.defaults());
    text(fetch("{'table_name':'users'}"));
    HttpResponse again = fetch("{'table_name':'users'}");
    assertThat(again.headers().first("X-Athena-Cache-Outcome")).contains("bypass");
    assertThat(cacheKey(again)).matches("[0-9a-f]{64}");
    assertThat(fetchesRun()).isEqualTo(2);
  }

  @Test
  void countsOutcomesInTheMeterRegistry() {
    text(fetch("{'table_name':'users'}"));
    text(fetch("{'table_name':'users'}"));
    text(fetch("{'table_name':'users'}", "Cache-Control", "no-cache"));
    var meters = athena.meterRegistry();
    assertThat(meters.counter("athena.cache.requests", "outcome", "miss").count()).isEqualTo(1);
    assertThat(meters.counter("athena.cache.requests", "outcome", "hit_local").count())
        .isEqualTo(1);
    assertThat(meters.counter("athena.cache.requests", "outcome", "bypass").count()).isEqualTo(1);
  }
}
