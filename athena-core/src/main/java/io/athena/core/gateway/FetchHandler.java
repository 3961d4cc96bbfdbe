package io.athena.core.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import io.athena.core.cache.CacheKeys;
import io.athena.core.cache.Lookup;
import io.athena.core.cache.ReadCache;
import io.athena.core.gateway.FetchParser.FetchCall;
import io.athena.core.gateway.GroupAggregator.Group;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Envelope;
import io.athena.spi.FetchRequest;
import io.athena.spi.OperationResult;
import io.athena.spi.RowStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers {@code /gateway/fetch}: {@code {"status":"success","data":[rows],"message":"Fetched N
 * rows","cache_key":"…","count":?,"post_processing":?}}. Rows stream; only post-processing, which
 * needs every row at once, reads them into memory first. Every answer carries {@code
 * X-Athena-Cached} and {@code X-Athena-Cache-Outcome}; a cached answer is the stored body, byte for
 * byte.
 */
final class FetchHandler {
  static final String CACHED_HEADER = "X-Athena-Cached";
  static final String OUTCOME_HEADER = "X-Athena-Cache-Outcome";

  private final String defaultSchema;
  private final ReadCache cache;

  FetchHandler(String defaultSchema, ReadCache cache) {
    this.defaultSchema = defaultSchema;
    this.cache = cache;
  }

  /**
   * Authorizes first, so that a cached answer is only ever served to a caller allowed to read it;
   * then answers from the cache, or from the database (storing the answer when the cache may).
   */
  HttpResponse handle(GatewayCall call, Fields body) {
    FetchCall parsed = FetchParser.parse(body, defaultSchema, call.limits());
    FetchRequest request = (FetchRequest) call.authorize(parsed.request());
    FetchCall fetch = new FetchCall(request, parsed.postProcessing());
    String key = cacheKey(call, fetch);
    Lookup lookup = cache.lookup(call.client(), key, call.noCache());
    call.trace().cache(lookup.outcome().wireName(), key);
    if (lookup.hit()) {
      byte[] cached = lookup.body();
      if (lookup.rows() >= 0) {
        call.trace().rowsReturned(lookup.rows());
      }
      return outcome(
          new HttpResponse(200, Envelope.jsonHeaders(), out -> out.write(cached)), lookup);
    }
    AtomicLong rowsWritten = new AtomicLong(-1); // set once the body was written to its end
    HttpResponse response = read(call, fetch, key, rowsWritten);
    return outcome(cache.storing(lookup, response, rowsWritten::get), lookup);
  }

  /**
   * The key: client, rights scope, the typed request after its limits were applied, and what shapes
   * the body beyond it (post-processing, strip-nulls).
   */
  private static String cacheKey(GatewayCall call, FetchCall fetch) {
    PostProcessing post = fetch.postProcessing();
    return CacheKeys.key(
        call.client(),
        call.principal(),
        fetch.request(),
        form -> {
          form.bool(call.stripNulls());
          if (post == null) {
            form.text(null);
            return;
          }
          form.text("post_processing").text(post.groupBy());
          form.text(post.granularity() == null ? null : post.granularity().name());
          form.text(post.aggregationColumn());
          form.text(post.strategy() == null ? null : post.strategy().name()).bool(post.dedup());
        });
  }

  private static HttpResponse outcome(HttpResponse response, Lookup lookup) {
    response.headers().set(CACHED_HEADER, Boolean.toString(lookup.outcome().cached()));
    response.headers().set(OUTCOME_HEADER, lookup.outcome().wireName());
    return response;
  }

  /**
   * Reads the database; {@code rowsWritten} gets the row count once the body was written to its
   * end.
   */
  private HttpResponse read(GatewayCall call, FetchCall fetch, String key, AtomicLong rowsWritten) {
    OperationResult result = call.run(fetch.request());
    boolean countAsked = fetch.request().count() != null;
    if (fetch.postProcessing() == null) {
      return StreamingEnvelope.rows(
          result,
          call,
          (out, rows) -> {
            trailer(out, rows, countAsked, result.totalCount(), key);
            rowsWritten.set(rows);
          });
    }
    List<String> columns;
    List<Object[]> rows = new ArrayList<>();
    try (result) {
      columns = result.rows().columns();
      readAll(result.rows(), columns.size(), rows);
    }
    List<Group> groups = GroupAggregator.group(fetch.postProcessing(), columns, rows);
    OperationResult buffered =
        new OperationResult(
            RowStream.of(columns, rows),
            result.affectedRows(),
            result.totalCount(),
            result.statementCount());
    RowWriter rowWriter = call.rowWriter();
    return StreamingEnvelope.rows(
        buffered,
        call,
        (out, written) -> {
          trailer(out, written, countAsked, result.totalCount(), key);
          writeGroups(out, columns, groups, rowWriter);
          rowsWritten.set(written);
        });
  }

  private static void readAll(RowStream stream, int width, List<Object[]> rows) {
    while (stream.next()) {
      Object[] row = new Object[width];
      for (int i = 0; i < width; i++) {
        row[i] = stream.value(i);
      }
      rows.add(row);
    }
  }

  private static void trailer(
      JsonGenerator out, long rows, boolean countAsked, Long total, String cacheKey)
      throws IOException {
    out.writeStringField("message", "Fetched " + rows + " rows");
    out.writeStringField("cache_key", cacheKey);
    if (countAsked) {
      out.writeFieldName("count");
      RowWriter.writeValue(out, total);
    }
  }

  /** {@code post_processing: {grouped: [{label, rows, aggregation}]}}. */
  private static void writeGroups(
      JsonGenerator out, List<String> columns, List<Group> groups, RowWriter rowWriter)
      throws IOException {
    out.writeObjectFieldStart("post_processing");
    out.writeArrayFieldStart("grouped");
    for (Group group : groups) {
      out.writeStartObject();
      out.writeFieldName("label");
      RowWriter.writeValue(out, group.label());
      out.writeArrayFieldStart("rows");
      for (Object[] row : group.rows()) {
        rowWriter.writeRow(out, columns, i -> row[i]);
      }
      out.writeEndArray();
      out.writeFieldName("aggregation");
      RowWriter.writeValue(out, group.aggregation());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeEndObject();
  }
}
